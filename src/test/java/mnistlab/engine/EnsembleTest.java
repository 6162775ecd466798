package mnistlab.engine;

import mnistlab.TestData;
import mnistlab.cli.RunCommand;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A committee of runs: averaged probabilities on the common test set. */
class EnsembleTest {
    @TempDir
    static Path runs;
    private static Path first;
    private static Path second;
    private static Path fewerTests;

    private static Path train(long seed, int testLimit) throws Exception {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(1).withBatchSize(50).withOptimizer(OptimizerSpec.adam(2e-3f))
                .withDevice("cpu").withSeed(seed).withRecordEvery(10);
        ExperimentSpec spec = new ExperimentSpec("member", DatasetSpec.of("mnist", TestData.mnistRoot())
                .withLimits(2000, testLimit), List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(32), relu,
                new LayerSpec.Linear(10)), train, List.of());
        try (Experiment exp = Experiment.create(spec)) {
            return exp.trainIntoRunFolder(runs, 1).runDir();
        }
    }

    @BeforeAll
    static void trainMembers() throws Exception {
        first = train(1, 1000);
        second = train(2, 1000);
        fewerTests = train(3, 500);
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
                && out.toString().contains("Ensemble test accuracy: "), out.toString());
        assertTrue(out.toString().contains("Confusion matrix (rows: true class, columns: the ensemble's prediction):\n"
                + "           0     1     2     3     4     5     6     7     8     9\n     0    "), out.toString());
    }
}
