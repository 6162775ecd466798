package mnistlab.run;

import mnistlab.TestData;
import mnistlab.cli.RunCommand;
import mnistlab.engine.RunFolder;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps: the plan, trials as run folders, the summary, and a stopped sweep resumed. */
class SweepTest {
    @TempDir
    Path dir;

    @Test
    void aGridIsEveryCombinationAndRandomDrawsAreFixedByTheSeed() {
        List<Map<String, String>> grid = SweepSpec.grid(Map.of("train.lr", List.<Object>of(0.001, 0.003))).plan(1);
        assertEquals(List.of(Map.of("train.lr", "0.001"), Map.of("train.lr", "0.003")), grid);
        SweepSpec random = SweepSpec.random(5, Map.of("train.lr", new SweepSpec.LogUniform(1e-4, 1e-2),
                "train.batchSize", new SweepSpec.Choice(List.of(64, 100))));
        List<Map<String, String>> drawn = random.plan(42);
        assertEquals(drawn, random.plan(42));
        assertEquals(5, drawn.size());
        for (Map<String, String> trial : drawn) {
            double lr = Double.parseDouble(trial.get("train.lr"));
            assertTrue(lr >= 1e-4 && lr <= 1e-2, trial.toString());
            assertTrue(List.of("64", "100").contains(trial.get("train.batchSize")), trial.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.grid(Map.of("a", List.of())));
    }

    private int run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = RunCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        assertEquals(0, code, out.toString());
        return code;
    }

    private static Path only(Path folder, String prefix) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> found = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    @Test
    void aTwoTrialSweepWritesItsTrialsAndSummaryAndAStoppedOneResumes() throws Exception {
        Path script = dir.resolve("sweep.groovy");
        Files.writeString(script, """
                experiment 'swept'
                dataset mnist { limit 600; testLimit 200; download false }
                model { flatten(); linear 10 }
                train { epochs 2; batchSize 50; optimizer adam(lr: 1e-3); device cpu; recordEvery 4 }
                sweep { grid 'train.lr': [1e-3, 1e-2] }
                """);
        Path runs = dir.resolve("runs");
        String root = TestData.mnistRoot().toString();
        run(script.toString(), "--root", root, "--out", runs.toString(), "--quiet", "--set", "train.epochs=1");
        Path sweep = only(runs, "swept-sweep-");
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("trial,train.lr,final_test_accuracy,best_test_accuracy"), csv.get(0));
        assertTrue(csv.get(1).startsWith("trial-001,0.001,") && csv.get(2).startsWith("trial-002,0.01,"), csv.toString());
        assertTrue(Files.readString(sweep.resolve("sweep.html")).contains("<td>0.01</td>"));
        assertTrue(Files.isRegularFile(sweep.resolve("sweep-curves.png")));
        Path firstRun = Sweeps.runOf(sweep.resolve("trial-001"));
        assertEquals(1, RunFolder.open(firstRun).readCheckpoint().epochsDone());

        // As if stopped: the second trial never ran; the first continues to the script's 2 epochs.
        deleteTree(sweep.resolve("trial-002"));
        run(script.toString(), "--root", root, "--out", runs.toString(), "--quiet", "--resume", sweep.toString());
        assertEquals(firstRun, Sweeps.runOf(sweep.resolve("trial-001")), "continued in place");
        assertEquals(2, RunFolder.open(firstRun).readCheckpoint().epochsDone());
        assertEquals(2, RunFolder.open(Sweeps.runOf(sweep.resolve("trial-002"))).readCheckpoint().epochsDone());
        List<String> resumed = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(3, resumed.size());
        assertTrue(resumed.get(2).contains(",2,"), "the second trial has two epochs: " + resumed.get(2));
        long firstParams = Files.getLastModifiedTime(firstRun.resolve("swept-0002.params")).toMillis();

        // Run once more: everything is finished, so nothing trains again.
        run(script.toString(), "--root", root, "--out", runs.toString(), "--quiet", "--resume", sweep.toString());
        assertEquals(firstParams, Files.getLastModifiedTime(firstRun.resolve("swept-0002.params")).toMillis());
        assertFalse(Files.exists(firstRun.resolve("swept-0003.params")));
    }

    @Test
    void withWorkersTrialsRunAsChildProcessesSideBySide() throws Exception {
        Path script = dir.resolve("random.groovy");
        Files.writeString(script, """
                experiment 'drawn'
                dataset mnist { limit 500; testLimit 200; download false }
                model { flatten(); linear 10 }
                train { epochs 1; batchSize 50; device cpu; recordEvery 5; seed 3 }
                sweep { random 2, 'train.lr': logUniform(1e-4, 1e-2) }
                """);
        Path runs = dir.resolve("parallel");
        run(script.toString(), "--root", TestData.mnistRoot().toString(), "--out", runs.toString(), "--quiet",
                "--workers", "2");
        Path sweep = only(runs, "drawn-sweep-");
        List<Sweeps.Trial> trials = Sweeps.trials(sweep);
        assertEquals(2, trials.size());
        for (Sweeps.Trial trial : trials) {
            Path trialDir = sweep.resolve(trial.name());
            assertTrue(Files.readString(trialDir.resolve("trial.log")).contains("Test accuracy: "), trial.name());
            Path run = Sweeps.runOf(trialDir);
            ExperimentSpec spec = SpecJson.fromJson(Files.readString(run.resolve("spec.json")));
            assertEquals(Float.parseFloat(trial.values().get("train.lr")), spec.train().optimizer().learningRate(), 1e-9);
            assertEquals(1, RunFolder.open(run).readCheckpoint().epochsDone());
        }
        assertEquals(3, Files.readAllLines(sweep.resolve("sweep.csv")).size());
    }

    @Test
    void aTamperedPlanCannotNameAFolderOutsideTheSweep() throws Exception {
        Path sweep = Files.createDirectories(dir.resolve("tampered"));
        Files.writeString(sweep.resolve(Sweeps.PLAN), """
                {"keys": ["train.lr"], "trials": [{"name": "../../elsewhere", "values": {"train.lr": "0.1"}}]}
                """);
        IOException e = assertThrows(IOException.class, () -> Sweeps.trials(sweep));
        assertEquals(sweep.resolve(Sweeps.PLAN) + ": not a sweep plan this version can read (trial name '../../elsewhere')",
                e.getMessage());
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
