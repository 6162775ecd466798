package mnistlab.engine;

import mnistlab.TestData;
import mnistlab.data.ImageSet;
import mnistlab.cli.RunCommand;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.Prediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A committee of runs: averaged probabilities on the common test and validation sets, optionally over shifted views. */
class EnsembleTest {
    @TempDir
    static Path runs;
    private static Path first;
    private static Path second;
    private static Path fewerTests;
    private static Path noValidation;

    /** A small normalised MLP (so that a shifted view's empty border is not 0 to the model). */
    private static Path train(long seed, int testLimit, int validation) throws Exception {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(1).withBatchSize(50).withOptimizer(OptimizerSpec.adam(2e-3f))
                .withDevice("cpu").withSeed(seed).withRecordEvery(10);
        ExperimentSpec spec = new ExperimentSpec("member", DatasetSpec.of("mnist", TestData.mnistRoot())
                .withLimits(2000, testLimit).withValidation(validation).withNormalization(0.1307f, 0.3081f), List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(32), relu,
                new LayerSpec.Linear(10)), train, List.of());
        try (Experiment exp = Experiment.create(spec)) {
            return exp.trainIntoRunFolder(runs, 1).runDir();
        }
    }

    @BeforeAll
    static void trainMembers() throws Exception {
        first = train(1, 1000, 300);
        second = train(2, 1000, 300);
        fewerTests = train(3, 500, 300);
        noValidation = train(4, 1000, 0);
    }

    private static float accuracyOf(Path run) throws IOException {
        try (Experiment exp = Experiment.open(run)) {
            return exp.evaluate().accuracy();
        }
    }

    @Test
    void aRunWithItselfIsThatRunAndTwoRunsAverageTheirProbabilities() throws Exception {
        Ensemble.Result same = Ensemble.evaluate(List.of(first, first));
        assertEquals(accuracyOf(first), same.ensemble().accuracy(), 1e-6);

        Ensemble.Result pair = Ensemble.evaluate(List.of(first, second));
        assertEquals(List.of(accuracyOf(first), accuracyOf(second)), pair.accuracies());
        assertEquals(1000, pair.ensemble().count());
        float[] averaged;
        try (Classifier a = Classifier.open(first); Classifier b = Classifier.open(second);
             Experiment data = Experiment.open(first)) {
            float[] image = data.testSet().image(7);
            float[] pa = a.predict(image).probabilities();
            float[] pb = b.predict(image).probabilities();
            averaged = new float[pa.length];
            int best = 0;
            for (int c = 0; c < pa.length; c++) {
                averaged[c] = (pa[c] + pb[c]) / 2;
                best = averaged[c] > averaged[best] ? c : best;
            }
            assertEquals(best, pair.ensemble().predictions()[7]);
            assertEquals(averaged[best], pair.ensemble().confidences()[7], 1e-5);
        }
    }

    @Test
    void theValidationImagesEveryRunHeldOutAreVotedOnToo() throws Exception {
        Ensemble.Result same = Ensemble.evaluate(List.of(first, first));
        try (Experiment exp = Experiment.open(first)) {
            ImageSet held = exp.validationSet();
            List<Prediction> predictions = exp.predictAll(images(held));
            int correct = 0;
            for (int i = 0; i < held.size(); i++) {
                correct += predictions.get(i).label() == held.label(i) ? 1 : 0;
            }
            assertEquals(300, same.validation().count());
            assertEquals(correct, same.validation().correct());
        }
        assertNull(Ensemble.evaluate(List.of(first, noValidation)).validation());
        assertNull(Ensemble.evaluate(List.of(noValidation, first)).validation());
    }

    @Test
    void withAShiftRadiusEachRunAveragesTheImageMovedEveryWayByUpToThatMany() throws Exception {
        Ensemble.Result pair = Ensemble.evaluate(List.of(first, second), 1);
        try (Classifier a = Classifier.open(first); Classifier b = Classifier.open(second);
             Experiment data = Experiment.open(first)) {
            float[] image = data.testSet().image(7);
            float[] averaged = new float[10];
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    float[] moved = shifted(image, dx, dy);
                    float[] pa = a.predict(moved).probabilities();
                    float[] pb = b.predict(moved).probabilities();
                    for (int c = 0; c < 10; c++) {
                        averaged[c] += (pa[c] + pb[c]) / 18;
                    }
                }
            }
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = averaged[c] > averaged[best] ? c : best;
            }
            assertEquals(best, pair.ensemble().predictions()[7]);
            assertEquals(averaged[best], pair.ensemble().confidences()[7], 1e-5);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ensemble.evaluate(List.of(first, second), 4));
        assertEquals("a shift radius for test-time augmentation is 0 to 3 pixels, not 4", e.getMessage());
    }

    /** A 28 x 28 image moved dx to the right and dy down, empty where it moved away. */
    private static float[] shifted(float[] image, int dx, int dy) {
        float[] out = new float[image.length];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int fromX = x - dx;
                int fromY = y - dy;
                if (fromX >= 0 && fromX < 28 && fromY >= 0 && fromY < 28) {
                    out[y * 28 + x] = image[fromY * 28 + fromX];
                }
            }
        }
        return out;
    }

    private static List<float[]> images(ImageSet set) {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            images.add(set.image(i));
        }
        return images;
    }

    @Test
    void runsTestedOnOtherImagesAreRefusedByName() {
        IOException e = assertThrows(IOException.class, () -> Ensemble.evaluate(List.of(first, fewerTests)));
        assertEquals(fewerTests + ": tested on other images or classes than " + first
                + " (500 test images of 10 classes, not 1000 of 10)", e.getMessage());
    }

    @Test
    void theCommandLinePrintsEachRunAndTheEnsemble() {
        StringWriter out = new StringWriter();
        CommandLine cli = RunCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--ensemble", first.toString(), second.toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("  " + first + "\n") && out.toString().contains("Mean of the 2 runs: ")
                && out.toString().contains("Ensemble validation accuracy: ")
                && out.toString().contains(" of 300 held-out training images; loss ")
                && out.toString().contains("Ensemble test accuracy: "), out.toString());
        assertTrue(out.toString().contains("Confusion matrix (rows: true class, columns: the ensemble's prediction):\n"
                + "           0     1     2     3     4     5     6     7     8     9\n     0    "), out.toString());
    }

    @Test
    void shiftedViewsAskForAnEnsemble() {
        StringWriter err = new StringWriter();
        CommandLine cli = RunCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--tta", "1", first.toString()));
        assertTrue(err.toString().startsWith("--tta goes with --ensemble"), err.toString());
    }
}
