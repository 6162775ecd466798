package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import mnistlab.engine.optim.OptimizerState;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizersTest {

    @Test
    void fixedScheduleKeepsTheRate() {
        Tracker t = Optimizers.schedule(OptimizerSpec.adam(5e-4f), ScheduleSpec.fixed(), 600, 6000);
        assertEquals(5e-4f, t.getNewValue(1));
        assertEquals(5e-4f, t.getNewValue(5999));
    }

    @Test
    void stepScheduleDecaysEveryKEpochs() {
        Tracker t = Optimizers.schedule(OptimizerSpec.sgd(0.1f, 0.9f, false), ScheduleSpec.step(2, 0.5f), 100, 600);
        assertEquals(0.1f, t.getNewValue(199), 1e-7f);
        assertEquals(0.05f, t.getNewValue(201), 1e-7f);
        assertEquals(0.025f, t.getNewValue(401), 1e-7f);
    }

    @Test
    void cosineEndsAtItsMinimumAndWarmUpStartsLow() {
        Tracker t = Optimizers.schedule(OptimizerSpec.adam(1e-3f), ScheduleSpec.cosine(1e-5f).withWarmup(100), 100, 1100);
        assertEquals(1e-5f, t.getNewValue(0), 1e-9f);
        assertTrue(t.getNewValue(50) < t.getNewValue(99));
        assertEquals(1e-3f, t.getNewValue(100), 1e-7f);
        assertEquals(5.05e-4f, t.getNewValue(600), 1e-6f);
        assertEquals(1e-5f, t.getNewValue(1100), 1e-7f);
    }

    @Test
    void offsetContinuesASchedule() {
        Tracker t = Optimizers.schedule(OptimizerSpec.sgd(0.1f, 0f, false), ScheduleSpec.step(1, 0.1f), 10, 30);
        assertEquals(t.getNewValue(25), Optimizers.offset(t, 20).getNewValue(5));
    }

    /** One update of a weight 1.0 with gradient 0.5 (loss = 0.5 * w), learning rate 0.01. */
    private static float oneStep(OptimizerSpec spec) {
        try (NDManager manager = NDManager.newBaseManager();
             OptimizerState state = new OptimizerState()) {
            NDArray w = manager.create(new float[] {1f});
            w.setRequiresGradient(true);
            Optimizer optimizer = Optimizers.create(spec, Tracker.fixed(spec.learningRate()), state);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.mul(0.5f).sum());
            }
            try (NDArray g = w.getGradient()) {
                assertEquals(0.5f, g.getFloat(), 1e-7f);
                optimizer.update("w", w, g);
            }
            try (NDArray g = w.getGradient()) {
                assertEquals(0f, g.getFloat(), "the gradient is cleared after the update");
            }
            return w.getFloat();
        }
    }

    @Test
    void everyOptimizerFollowsPyTorchsFirstStep() {
        float lr = 0.01f;
        // Adam's and RMSProp's first steps are lr * g / |g| (up to epsilon); Adagrad's too.
        assertEquals(1f - lr, oneStep(OptimizerSpec.adam(lr)), 1e-6f);
        assertEquals(1f - lr, oneStep(OptimizerSpec.adamW(lr, 0f)), 1e-6f);
        assertEquals(1f - lr * 0.5f, oneStep(OptimizerSpec.sgd(lr, 0.9f, false)), 1e-6f);
        assertEquals(1f - lr * (0.5f + 0.9f * 0.5f), oneStep(OptimizerSpec.sgd(lr, 0.9f, true)), 1e-6f);
        assertEquals(1f - lr * 0.5f / (float) Math.sqrt(0.01f * 0.25f), oneStep(OptimizerSpec.rmsProp(lr)), 1e-5f);
        assertEquals(1f - lr, oneStep(OptimizerSpec.adagrad(lr)), 1e-6f);
        // Adadelta (rho 0.9, eps 1e-6, lr 1): delta = sqrt(eps) / sqrt(0.1 * 0.25 + eps) * g
        float delta = (float) (Math.sqrt(1e-6) / Math.sqrt(0.1 * 0.25 + 1e-6) * 0.5);
        assertEquals(1f - delta, oneStep(OptimizerSpec.adadelta(0.9f)), 1e-6f);
    }

    /**
     * Three steps of Adam and AdamW with weight decay and an epsilon large enough to tell where it
     * is added (PyTorch adds it to the bias-corrected root; DJL's own Adam to the raw one). The
     * expected weights are PyTorch 2.13's, from {@code torch.optim.Adam([w], lr=0.1, betas=(0.8,
     * 0.99), eps=0.01, weight_decay=0.05)} (and {@code AdamW}) with w = [1, 2] and these gradients.
     */
    @Test
    void adamAndAdamWFollowPyTorchOverSeveralSteps() {
        float[][] gradients = {{0.5f, -1f}, {0.25f, 2f}, {0.001f, 0.1f}};
        Map<OptimizerSpec.Kind, float[]> expected = Map.of(
                OptimizerSpec.Kind.ADAM, new float[] {0.7413950f, 2.0115373f},
                OptimizerSpec.Kind.ADAMW, new float[] {0.7348065f, 1.9931532f});
        expected.forEach((kind, weights) -> {
            OptimizerSpec spec = new OptimizerSpec(kind, 0.1f, 0f, false, 0.05f, 0.8f, 0.99f, 0.01f, 0.9f);
            try (NDManager manager = NDManager.newBaseManager();
                 OptimizerState state = new OptimizerState()) {
                NDArray w = manager.create(new float[] {1f, 2f});
                Optimizer optimizer = Optimizers.create(spec, Tracker.fixed(spec.learningRate()), state);
                for (float[] g : gradients) {
                    try (NDArray gradient = manager.create(g)) {
                        optimizer.update("w", w, gradient);
                    }
                }
                float[] actual = w.toFloatArray();
                assertEquals(weights[0], actual[0], 1e-6f, kind.toString());
                assertEquals(weights[1], actual[1], 1e-6f, kind.toString());
            }
        });
    }

    /** Adam's kernels live in a TorchScript module that a collected DJL model would close. */
    @Test
    void adamStillRunsAfterGarbageCollection() {
        float lr = 0.01f;
        assertEquals(1f - lr, oneStep(OptimizerSpec.adam(lr)), 1e-6f);
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
        }
        assertEquals(1f - lr, oneStep(OptimizerSpec.adam(lr)), 1e-6f);
    }

    @Test
    void stateArraysAreFreedWhenTheTrainingCallEnds() {
        Map<OptimizerSpec, Integer> statesPerParameter = Map.of(
                OptimizerSpec.adam(0.01f), 3, OptimizerSpec.adamW(0.01f, 0.01f), 3, // two moments and the step count
                OptimizerSpec.sgd(0.01f, 0.9f, false), 1, OptimizerSpec.sgd(0.01f, 0.9f, true), 1,
                OptimizerSpec.rmsProp(0.01f), 1, OptimizerSpec.adagrad(0.01f), 1, OptimizerSpec.adadelta(0.9f), 2);
        statesPerParameter.forEach((spec, count) -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray w = manager.create(new float[] {1f, 2f});
                NDArray g = manager.create(new float[] {0.5f, 0.5f});
                OptimizerState state = new OptimizerState();
                Optimizer optimizer = Optimizers.create(spec, Tracker.fixed(spec.learningRate()), state);
                optimizer.update("w", w, g);
                optimizer.update("w", w, g);
                assertEquals(count, state.size(), spec.kind() + "'s state arrays are all owned");
                state.close();
                assertEquals(0, state.size());
                // The optimizer's own map still points at them: using them now fails because they are freed.
                assertThrows(IllegalStateException.class, () -> optimizer.update("w", w, g), spec.kind().toString());
            }
        });
    }

    @Test
    void allKindsAreWired() {
        for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
            OptimizerSpec spec = new OptimizerSpec(kind, 0.01f, 0.5f, false, 0f, 0.9f, 0.999f, 1e-8f, 0.9f);
            assertTrue(oneStep(spec) < 1f, kind + " moves the weight down the gradient");
        }
    }
}
