package mnistlab.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import mnistlab.TestData;
import mnistlab.data.ImageSet;
import mnistlab.engine.spec.AugmentSpec;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Distortions checked on synthetic images, where the right answer is known, then in a training. */
class AugmenterTest {
    private static final AugmentSpec ROTATE_SHIFT = AugmentSpec.NONE.withRotate(15).withShift(3);

    private static NDArray dot(NDManager m, int row, int col) {
        float[] pixels = new float[28 * 28];
        pixels[row * 28 + col] = 1f;
        return m.create(pixels, new Shape(1, 1, 28, 28));
    }

    private static int brightest(NDArray image) {
        return (int) image.reshape(-1).argMax().getLong();
    }

    private static NDArray[] affine(NDManager m, float m00, float m01, float m10, float m11, float shiftX, float shiftY) {
        float[] values = {m00, m01, m10, m11, shiftX, shiftY};
        NDArray[] out = new NDArray[6];
        for (int i = 0; i < 6; i++) {
            out[i] = m.create(new float[] {values[i]}, new Shape(1, 1, 1));
        }
        return out;
    }

    @Test
    void aShiftedDotLandsWhereTheShiftTakesIt() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Augmenter augmenter = new Augmenter(ROTATE_SHIFT, 28, 28, 0f, m);
            NDArray moved = augmenter.transform(dot(m, 10, 10), affine(m, 1, 0, 0, 1, 2, -3), m);
            assertEquals(7 * 28 + 12, brightest(moved)); // right 2, up 3
            assertEquals(1f, moved.max().getFloat(), 1e-6);
            assertEquals(1f, moved.sum().getFloat(), 1e-5);

            NDArray half = augmenter.transform(dot(m, 10, 10), affine(m, 1, 0, 0, 1, 0.5f, 0), m);
            assertEquals(0.5f, half.getFloat(0, 0, 10, 10), 1e-6); // bilinear: half stays, half moves on
            assertEquals(0.5f, half.getFloat(0, 0, 10, 11), 1e-6);
        }
    }

    @Test
    void aQuarterTurnMovesADotAroundTheCentre() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Augmenter augmenter = new Augmenter(ROTATE_SHIFT, 28, 28, 0f, m);
            // (row 10, col 14) is (x 0.5, y -3.5) from the centre (13.5, 13.5); M maps the output back,
            // so the dot lands where M p = (0.5, -3.5): p = (-3.5, -0.5), row 13, col 10.
            NDArray turned = augmenter.transform(dot(m, 10, 14), affine(m, 0, -1, 1, 0, 0, 0), m);
            assertEquals(13 * 28 + 10, brightest(turned));
        }
    }

    @Test
    void theBackgroundStaysWhatAnEmptyPixelHoldsAfterNormalisation() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float background = (0f - 0.1307f) / 0.3081f;
            Augmenter augmenter = new Augmenter(ROTATE_SHIFT.withElastic(34, 4), 28, 28, background, m);
            NDArray empty = m.full(new Shape(4, 1, 28, 28), background);
            NDArray out = augmenter.apply(empty, m);
            assertEquals(background, out.min().getFloat(), 1e-5);
            assertEquals(background, out.max().getFloat(), 1e-5);
        }
    }

    @Test
    void distortingBatchesLeavesNoArraysBehindInTheAugmentersManager() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); NDManager held = m.newSubManager()) {
            Augmenter augmenter = new Augmenter(ROTATE_SHIFT, 28, 28, 0f, held);
            int before = ((BaseNDManager) held).getManagedArrays().size();
            for (int batch = 0; batch < 3; batch++) {
                try (NDManager scope = m.newSubManager()) {
                    augmenter.apply(dot(scope, 10, 10), scope);
                }
            }
            assertEquals(before, ((BaseNDManager) held).getManagedArrays().size(), "arrays left per batch");
        }
    }

    @Test
    void theSameSeedGivesTheSameDistortionsAndEachImageItsOwn() throws Exception {
        ImageSet test;
        try (Experiment exp = Experiment.create(spec(AugmentSpec.NONE, List.of()))) {
            test = exp.testSet().limit(8);
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Augmenter augmenter = new Augmenter(ROTATE_SHIFT.withElastic(34, 4), 28, 28, 0f, m);
            NDArray twice = test.imagesArray(m).get("0:1").repeat(0, 2);
            Engine.getInstance().setRandomSeed(7);
            float[] first = augmenter.apply(twice, m).toFloatArray();
            Engine.getInstance().setRandomSeed(7);
            float[] again = augmenter.apply(twice, m).toFloatArray();
            assertArrayEquals(first, again);
            float[] a = Arrays.copyOfRange(first, 0, 784);
            float[] b = Arrays.copyOfRange(first, 784, 1568);
            assertFalse(Arrays.equals(a, b), "two copies of one image get different distortions");
            float before = twice.get("0").sum().getFloat();
            float after = m.create(a).sum().getFloat();
            assertEquals(before, after, before * 0.2, "the ink is kept, give or take the resampling");
        }
    }

    private static ExperimentSpec spec(AugmentSpec augment, List<PlotSpec> plots) throws Exception {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(2).withBatchSize(50).withOptimizer(OptimizerSpec.adam(2e-3f))
                .withDevice("cpu").withSeed(9).withRecordEvery(20);
        return new ExperimentSpec("augmented", DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(3000, 1000)
                .withNormalization(0.1307f, 0.3081f).withAugment(augment), List.of(new LayerSpec.Flatten(),
                new LayerSpec.Linear(64), relu, new LayerSpec.Linear(10)), train, plots);
    }

    @Test
    void trainingOnDistortedImagesLearnsAndThePlotShowsThem(@TempDir Path runs) throws Exception {
        List<PlotSpec> plots = List.of(new PlotSpec(PlotKind.AUGMENTED, "augmented.png", PlotOptions.DEFAULTS),
                new PlotSpec(PlotKind.SAMPLES, "samples.png", PlotOptions.DEFAULTS));
        try (Experiment exp = Experiment.create(spec(AugmentSpec.NONE.withRotate(10).withShift(2).withScale(0.9, 1.1)
                .withShear(5).withElastic(34, 4), plots))) {
            TrainingResult result = Runs.train(exp, runs, TrainingListener.NONE, warning -> { });
            // an MLP on 3,000 strongly distorted images for two epochs: well above chance (10 %), not yet good
            assertTrue(result.test().accuracy() > 0.7f, "accuracy " + result.test().accuracy());
            byte[] augmented = Files.readAllBytes(result.runDir().resolve("augmented.png"));
            byte[] samples = Files.readAllBytes(result.runDir().resolve("samples.png"));
            assertFalse(Arrays.equals(augmented, samples));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(AugmentSpec.NONE, plots));
        assertTrue(e.getMessage().startsWith("the 'augmented' plot shows the augment { } section's distortions"),
                e.getMessage());
    }
}
