package mnistlab.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.ModelSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworksTest {
    private static final LayerSpec RELU = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);

    private static ExperimentSpec spec(List<LayerSpec> layers) {
        return new ExperimentSpec("test", DatasetSpec.of("mnist", Path.of("unused")), layers,
                TrainSpec.seedDefaults(), List.of());
    }

    /**
     * A ReLU followed by a max pooling runs swapped, with the values and input gradients of the
     * order as written, whole windows of negatives included; an average pooling keeps its order.
     */
    @Test
    void reluThenMaxPoolingRunsSwappedWithTheSameValuesAndGradients() {
        LayerSpec max = new LayerSpec.Pool(true, 2, 2, 0);
        LayerSpec avg = new LayerSpec.Pool(false, 2, 2, 0);
        assertEquals(List.of(max, RELU, RELU), Networks.runOrder(List.of(RELU, max, RELU)));
        assertEquals(List.of(RELU, avg), Networks.runOrder(List.of(RELU, avg)));
        Shape shape = new Shape(2, 3, 8, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomNormal(shape);
            x.set(new NDIndex("0, 0, 0:2, 0:2"), -1f); // a window with no positive value
            NDArray weights = manager.randomNormal(new Shape(2, 3, 4, 4));
            SequentialBlock block = Networks.build(List.of(RELU, max), shape);
            block.initialize(manager, DataType.FLOAT32, shape);
            NDArray swapped = x.duplicate();
            swapped.setRequiresGradient(true);
            NDArray asWritten = x.duplicate();
            asWritten.setRequiresGradient(true);
            NDArray out;
            NDArray expected;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = block.forward(new ParameterStore(manager, false), new NDList(swapped), true).singletonOrThrow();
                collector.backward(out.mul(weights).sum());
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                expected = Pool.maxPool2d(Activation.relu(asWritten), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                collector.backward(expected.mul(weights).sum());
            }
            assertArrayEquals(expected.toFloatArray(), out.toFloatArray());
            float[] gradient = swapped.getGradient().toFloatArray();
            assertArrayEquals(asWritten.getGradient().toFloatArray(), gradient);
            assertEquals(0f, gradient[0] + gradient[1] + gradient[8] + gradient[9], "no gradient through a window of negatives");
        }
    }

    /**
     * The summary counts parameters from the spec alone (the model is built once, by the
     * experiment): for every layer kind its counts are those of the DJL block built from it.
     */
    @Test
    void theSummaryFromTheSpecCountsWhatTheBuiltModelHolds() {
        List<LayerSpec> layers = List.of(new LayerSpec.Conv2d(6, 3, 1, 1), new LayerSpec.BatchNorm(),
                new LayerSpec.Activation(LayerSpec.ActivationKind.LEAKY_RELU, 0.1f), new LayerSpec.Pool(false, 2, 2, 0),
                new LayerSpec.Conv2d(8, 3, 2, 0), new LayerSpec.Linear(5), new LayerSpec.Flatten(),
                new LayerSpec.Dropout(0.3f), new LayerSpec.Linear(16), new LayerSpec.BatchNorm(), RELU, new LayerSpec.Linear(10));
        ExperimentSpec spec = spec(layers);
        ModelSummary summary = Models.summaryOf(spec, Models.checkShapes(spec));
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = Networks.build(layers, Models.inputShape());
            block.initialize(manager, DataType.FLOAT32, Models.inputShape());
            for (int i = 0; i < layers.size(); i++) {
                long all = 0;
                long trainable = 0;
                for (var p : block.getChildren().get(i).getValue().getParameters()) {
                    all += p.getValue().getArray().size();
                    trainable += p.getValue().requiresGradient() ? p.getValue().getArray().size() : 0;
                }
                assertEquals(all, summary.rows().get(i).parameters(), "layer " + i);
                assertEquals(trainable, summary.rows().get(i).trainable(), "layer " + i);
            }
        }
        assertEquals(2 * 16 + 2 * 6, summary.totalParameters() - summary.trainableParameters(), "BatchNorm's statistics");
    }

    @Test
    void seedNetworkSummaryMatchesPyTorch() throws Exception {
        ModelSummary summary = Experiment.summarize(spec(ExperimentSpec.seedNetwork()));
        assertEquals(3_274_634, summary.totalParameters());
        assertEquals(3_274_634, summary.trainableParameters());
        assertEquals(List.of("[N, 32, 28, 28]", "[N, 32, 28, 28]", "[N, 32, 14, 14]", "[N, 64, 14, 14]",
                        "[N, 64, 14, 14]", "[N, 64, 7, 7]", "[N, 3136]", "[N, 1024]", "[N, 1024]", "[N, 10]"),
                summary.rows().stream().map(ModelSummary.Row::outputShape).toList());
        assertEquals(832, summary.rows().get(0).parameters());
        assertEquals(51_264, summary.rows().get(3).parameters());
        assertEquals(3_212_288, summary.rows().get(7).parameters());
        String table = summary.toString();
        assertTrue(table.contains("Total params: 3,274,634"), table);
        assertTrue(table.contains("0 conv2d"), table);
    }

    @Test
    void batchNormParametersSplitTrainable() throws Exception {
        ModelSummary summary = Experiment.summarize(spec(List.of(new LayerSpec.Conv2d(8, 3, 1, 1),
                new LayerSpec.BatchNorm(), RELU, new LayerSpec.Flatten(), new LayerSpec.Dropout(0.5f),
                new LayerSpec.Linear(10))));
        ModelSummary.Row bn = summary.rows().get(1);
        assertEquals("batchNorm", bn.kind());
        assertEquals(32, bn.parameters(), "gamma, beta, running mean and variance of 8 channels");
        assertEquals(16, bn.trainable());
    }

    @Test
    void convolutionAfterFlattenNamesTheLayer() throws Exception {
        List<LayerSpec> layers = new ArrayList<>(ExperimentSpec.seedNetwork());
        layers.add(7, new LayerSpec.Conv2d(8, 3, 1, 0));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(spec(layers)));
        assertEquals(7, e.layerIndex());
        assertEquals("layer 7 (conv2d): needs images shaped [N, channels, height, width]; its input is [N, 3136]",
                e.getMessage());
    }

    @Test
    void windowLargerThanInput() throws Exception {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(spec(List.of(
                new LayerSpec.Pool(true, 8, 8, 0), new LayerSpec.Pool(true, 4, 4, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(10)))));
        assertEquals("layer 1 (maxPool): window 4 is larger than the padded input 3; its input is [N, 1, 3, 3]",
                e.getMessage());
    }

    @Test
    void outputMustBeOneLogitPerClass() throws Exception {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(spec(List.of(
                new LayerSpec.Flatten(), new LayerSpec.Linear(12)))));
        assertEquals("layer 1 (linear): the model must end in 10 logits per image, shape [N, 10], but gives [N, 12];"
                + " its input is [N, 784]", e.getMessage());
    }

    @Test
    void lambdaLayersAreShapeChecked() throws Exception {
        LayerSpec keeps = new LayerSpec.Lambda("double", x -> ((NDArray) x).mul(2));
        ModelSummary ok = Experiment.summarize(spec(List.of(new LayerSpec.Flatten(), keeps, new LayerSpec.Linear(10))));
        assertEquals("[N, 784]", ok.rows().get(1).outputShape());

        LayerSpec dropsBatch = new LayerSpec.Lambda("sum", x -> new NDList(((NDArray) x).sum()));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(
                spec(List.of(new LayerSpec.Flatten(), dropsBatch, new LayerSpec.Linear(10)))));
        assertTrue(e.getMessage().startsWith("layer 1 (lambda sum): must keep the batch dimension"), e.getMessage());
    }

    @Test
    void modelsTooLargeForMemoryAreRefusedBeforeAnythingIsAllocated() throws Exception {
        ShapeMismatchException wide = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(
                spec(List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(5_000_000), new LayerSpec.Linear(10)))));
        assertEquals("layer 1 (linear): the model would reach 3,925,000,000 parameters here; at most 100,000,000;"
                + " its input is [N, 784]", wide.getMessage());
        ShapeMismatchException deep = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(
                spec(List.of(new LayerSpec.Conv2d(5000, 3, 1, 1), new LayerSpec.Flatten(), new LayerSpec.Linear(10)))));
        assertTrue(deep.getMessage().startsWith("layer 0 (conv2d): would give 3,920,000 values per image; at most 2,000,000"),
                deep.getMessage());
        assertEquals(3_274_634, Experiment.summarize(spec(ExperimentSpec.seedNetwork())).totalParameters());
    }

    @Test
    void specValuesAreValidated() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Conv2d(0, 5, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dropout(1f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainSpec.seedDefaults().withDevice("tpu"));
        assertEquals("unknown device 'tpu': use auto, cpu, gpu or gpu:N", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainSpec.seedDefaults().withEpochs(0));
    }
}
