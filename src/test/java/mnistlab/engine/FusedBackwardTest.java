package mnistlab.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import mnistlab.engine.optim.FusedAdam;
import mnistlab.engine.optim.OptimizerState;
import mnistlab.engine.spec.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FusedAdam#backwardAndUpdate}, the training loop's step for Adam and AdamW, against what it
 * replaces: DJL's backward into the parameters' gradients, then one update per parameter.
 */
class FusedBackwardTest {
    private static final Shape INPUT = new Shape(6, 3, 6, 6);

    @Test
    void stepsAsBackwardThenUpdateDoes() {
        for (OptimizerSpec spec : List.of(OptimizerSpec.adam(0.05f),
                new OptimizerSpec(OptimizerSpec.Kind.ADAMW, 0.05f, 0f, false, 0.1f, 0.8f, 0.99f, 0.01f, 0.9f))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = Networks.channelsLast(manager.randomNormal(INPUT)); // as the loop feeds it: conv gradients come back channels-last
                NDArray y = manager.create(new float[] {0, 1, 2, 0, 1, 2});
                SequentialBlock viaBackward = network(manager);
                SequentialBlock fused = network(manager);
                copyParameters(viaBackward, fused);
                float[] start = fused.getParameters().valueAt(0).getArray().toFloatArray();
                train(viaBackward, spec, x, y, false);
                train(fused, spec, x, y, true);
                List<Parameter> expected = viaBackward.getParameters().values();
                List<Parameter> actual = fused.getParameters().values();
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i).getArray().toFloatArray(), actual.get(i).getArray().toFloatArray(),
                            1e-6f, spec.kind() + ": " + expected.get(i).getName());
                }
                float moved = Math.abs(actual.get(0).getArray().toFloatArray()[0] - start[0]);
                assertTrue(moved > 1e-4f, spec.kind() + " moved the first weight by " + moved);
            }
        }
    }

    @Test
    void aParameterTheLossDoesNotReachStaysWhereItIs() {
        try (NDManager manager = NDManager.newBaseManager(); OptimizerState state = new OptimizerState()) {
            SequentialBlock net = network(manager);
            FusedAdam adam = (FusedAdam) Optimizers.create(OptimizerSpec.adam(0.05f), Tracker.fixed(0.05f), state);
            Parameter unused = net.getParameters().valueAt(2); // the linear layer's weight
            float[] before = unused.getArray().toFloatArray();
            try (NDManager step = manager.newSubManager()) {
                NDArray hidden;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    // only the first layer takes part: the last layer's weight gets no gradient
                    hidden = net.getChildren().valueAt(0).forward(new ParameterStore(step, false),
                            new NDList(Networks.channelsLast(step.randomNormal(INPUT))), true).singletonOrThrow().sum();
                }
                adam.backwardAndUpdate(hidden, net.getParameters().values());
            }
            assertArrayEquals(before, unused.getArray().toFloatArray(), "a zero gradient moves Adam by nothing");
        }
    }

    private static SequentialBlock network(NDManager manager) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        net.initialize(manager, DataType.FLOAT32, INPUT);
        return net;
    }

    private static void copyParameters(SequentialBlock from, SequentialBlock to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            target.get(i).getArray().set(source.get(i).getArray().toFloatArray());
        }
    }

    /** Three steps on the same batch, as the training loop takes them. */
    private static void train(SequentialBlock net, OptimizerSpec spec, NDArray x, NDArray y, boolean fused) {
        List<Parameter> parameters = net.getParameters().values();
        try (OptimizerState state = new OptimizerState()) {
            var optimizer = Optimizers.create(spec, Tracker.fixed(spec.learningRate()), state);
            for (int s = 0; s < 3; s++) {
                try (NDManager step = x.getManager().newSubManager()) {
                    NDArray loss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
                        loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(logits));
                        if (!fused) {
                            collector.backward(loss);
                        }
                    }
                    if (fused) {
                        ((FusedAdam) optimizer).backwardAndUpdate(loss, parameters);
                    } else {
                        for (Parameter p : parameters) {
                            try (NDArray gradient = p.getArray().getGradient()) {
                                optimizer.update(p.getId(), p.getArray(), gradient);
                            }
                        }
                    }
                }
            }
        }
    }
}
