package mnistlab.run;

import mnistlab.TestData;
import mnistlab.engine.Experiment;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One recipe, several seeds: the spread per epoch, not one draw. */
class RepeatsTest {
    @TempDir
    Path runs;

    private static EpochMetrics epoch(int n, float test, float validation) {
        return new EpochMetrics(n, 0.1f, 0.9f, test, 1, 1000, 1e-3f, Float.isNaN(validation) ? Float.NaN : 0.2f, validation);
    }

    private static TrainingResult result(EpochMetrics... epochs) {
        return new TrainingResult("r", "cpu()", 1, List.of(epochs), List.of(), null, false, null, epochs.length);
    }

    @Test
    void statisticsPerEpochOverTheRepeatsThatReachedIt() {
        List<Repeats.EpochStats> stats = Repeats.statistics(List.of(
                result(epoch(1, 0.90f, 0.91f), epoch(2, 0.95f, 0.96f)),
                result(epoch(1, 0.92f, 0.93f), epoch(2, 0.97f, 0.97f)),
                result(epoch(1, 0.94f, 0.92f))));
        assertEquals(2, stats.size());
        Repeats.Stats first = stats.get(0).test();
        assertEquals(3, stats.get(0).repeats());
        assertEquals(0.92, first.mean(), 1e-6);
        assertEquals(0.02, first.sd(), 1e-6); // sample sd of 0.90, 0.92, 0.94
        assertEquals(0.90, first.min(), 1e-6);
        assertEquals(0.94, first.max(), 1e-6);
        assertEquals(0.92, stats.get(0).validation().mean(), 1e-6);
        assertEquals(2, stats.get(1).repeats());
        assertEquals(0.96, stats.get(1).test().mean(), 1e-6);
        assertEquals("92.00 ± 2.00 % (90.00–94.00)", first.toString());

        List<Repeats.EpochStats> unvalidated = Repeats.statistics(List.of(result(epoch(1, 0.9f, Float.NaN))));
        assertNull(unvalidated.get(0).validation());
        assertEquals(0, unvalidated.get(0).test().sd());
    }

    @Test
    void eachRepeatIsARunFolderWithTheNextSeedAndTheCsvHoldsTheSpread() throws Exception {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(2).withBatchSize(50).withOptimizer(OptimizerSpec.adam(2e-3f))
                .withDevice("cpu").withSeed(11).withRecordEvery(10).withRepeats(3);
        ExperimentSpec spec = new ExperimentSpec("rep", DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(1000, 500)
                .withValidation(200), List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(32), relu, new LayerSpec.Linear(10)),
                train, List.of());
        List<Long> seeds = new ArrayList<>();
        Repeats.Summary summary = Repeats.train(spec, runs, TrainingListener.NONE,
                (Experiment exp) -> seeds.add(exp.spec().train().seed()), () -> false, warning -> { });
        assertEquals(List.of(11L, 12L, 13L), seeds);
        assertEquals(3, summary.results().size());
        assertTrue(summary.folder().getFileName().toString().startsWith("rep-repeats-"), summary.folder().toString());
        for (int i = 0; i < 3; i++) {
            Path run = summary.results().get(i).runDir();
            assertEquals(summary.folder(), run.getParent());
            ExperimentSpec written = SpecJson.fromJson(Files.readString(run.resolve("spec.json")));
            assertEquals(11 + i, written.train().seed());
            assertEquals(1, written.train().repeats());
        }
        List<String> csv = Files.readAllLines(summary.folder().resolve(Repeats.CSV));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("epoch,repeats,test_mean,test_sd"), csv.get(0));
        double[] tests = summary.results().stream().mapToDouble(r -> r.epochs().get(1).testAccuracy()).toArray();
        double mean = (tests[0] + tests[1] + tests[2]) / 3;
        String[] second = csv.get(2).split(",");
        assertEquals("2", second[0]);
        assertEquals("3", second[1]);
        assertEquals(mean, Double.parseDouble(second[2]), 1e-5);
        assertEquals(10, second.length, "validation columns filled");
        String html = Files.readString(summary.folder().resolve("repeats.html"));
        assertTrue(html.contains("<img src=\"repeats-band.png\"") && html.contains("seed 13: <a href=\""), html);
        assertTrue(Files.size(summary.folder().resolve("repeats-band.png")) > 1000);
    }
}
