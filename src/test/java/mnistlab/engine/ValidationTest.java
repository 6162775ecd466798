package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import mnistlab.TestData;
import mnistlab.data.Datasets;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A validation split held out of the training set, and the epoch kept by it (never by test). */
class ValidationTest {
    @TempDir
    Path runs;

    private static ExperimentSpec mlp(TrainSpec train, double validation) throws Exception {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        return new ExperimentSpec("validated", DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(3000, 1000)
                .withValidation(validation), List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(64), relu,
                new LayerSpec.Linear(10)), train, List.of());
    }

    private static TrainSpec train(int epochs) {
        return TrainSpec.seedDefaults().withEpochs(epochs).withBatchSize(50).withOptimizer(OptimizerSpec.adam(2e-3f))
                .withDevice("cpu").withSeed(5).withRecordEvery(20);
    }

    @Test
    void theLastImagesOfTheLimitedTrainingSetAreHeldOutAndValidatedEachEpoch() throws Exception {
        try (Experiment exp = Experiment.create(mlp(train(2), 0.1))) {
            assertEquals(2700, exp.trainSet().size());
            assertEquals(300, exp.validationSet().size());
            ImageSet mnist = MnistData.load(Datasets.MNIST, TestData.mnistRoot(), false).train();
            assertArrayEquals(mnist.image(0), exp.trainSet().image(0));
            assertArrayEquals(mnist.image(2699), exp.trainSet().image(2699));
            assertArrayEquals(mnist.image(2700), exp.validationSet().image(0));
            assertArrayEquals(mnist.image(2999), exp.validationSet().image(299));
            TrainingResult result = exp.trainIntoRunFolder(runs, 2);
            for (EpochMetrics m : result.epochs()) {
                assertTrue(m.validated(), "epoch " + m.epoch());
                assertTrue(m.validationAccuracy() > 0.7f && m.validationLoss() > 0 && m.validationLoss() < 2,
                        m.toString());
            }
            assertEquals(2, result.keptEpoch());
            TrainingResult reread = RunFolder.open(result.runDir()).readMetrics();
            assertEquals(result.epochs(), reread.epochs());
        }
    }

    @Test
    void keepBestAndPatienceNeedAValidationSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp(train(2).withKeepBest(true), 0));
        assertTrue(e.getMessage().startsWith("keepBest and patience choose an epoch by validation, never by test"),
                e.getMessage());
    }

    @Test
    void theBestEpochsParametersComeBackAndPatienceCountsFromIt() throws Exception {
        try (Experiment exp = Experiment.create(mlp(train(1), 500))) {
            List<Parameter> parameters = List.copyOf(exp.model().getBlock().getParameters().values());
            NDArray weight = parameters.get(0).getArray();
            float[] atEpochOne = weight.toFloatArray();
            try (BestEpochListener best = new BestEpochListener(parameters, exp.model().getNDManager(), 2)) {
                best.onEpoch(validated(1, 0.90f));
                weight.muli(2);
                best.onEpoch(validated(2, 0.85f)); // one epoch without a better one: patience 2 not run out
                assertThrows(StopTraining.class, () -> best.onEpoch(validated(3, 0.90f)), "a tie is no improvement");
                assertEquals(1, best.restore(3));
                assertArrayEquals(atEpochOne, weight.toFloatArray());
                assertEquals(0, best.restore(1), "the last epoch was the best: nothing to restore");
            }
        }
    }

    private static EpochMetrics validated(int epoch, float validationAccuracy) {
        return new EpochMetrics(epoch, 0.1f, 0.9f, 0.9f, 1, 1000, 5e-4f, 0.2f, validationAccuracy);
    }

    @Test
    void earlyStoppingEndsTrainingAndTheRunFolderHoldsTheKeptParameters() throws Exception {
        // A learning rate this high makes validation accuracy fall after the first epoch or two.
        TrainSpec wild = train(8).withOptimizer(OptimizerSpec.adam(0.5f)).withPatience(1);
        TrainingResult result;
        try (Experiment exp = Experiment.create(mlp(wild, 500))) {
            result = Runs.train(exp, runs, TrainingListener.NONE, warning -> { });
        }
        int best = 0;
        for (EpochMetrics m : result.epochs()) {
            if (best == 0 || m.validationAccuracy() > result.epochs().get(best - 1).validationAccuracy()) {
                best = m.epoch();
            }
        }
        assertEquals(best, result.keptEpoch());
        assertEquals(best + 1, result.epochs().size(), "stopped one epoch after the best");
        assertEquals(result.epochs().get(best - 1).testAccuracy(), result.test().accuracy(), 1e-6);
        try (Experiment reopened = Experiment.open(result.runDir())) {
            assertEquals(result.test().accuracy(), reopened.evaluate().accuracy(), 1e-6);
        }
        String report = Files.readString(result.runDir().resolve("report.html"));
        assertTrue(report.contains("<th>validation accuracy</th>") && report.contains("<td>" + best + " (kept)</td>"), report);
    }
}
