package mnistlab.cli;

import com.google.gson.JsonObject;
import mnistlab.TestData;
import mnistlab.engine.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/mnist-run as a user runs it: the launcher script, real data, a real process. */
class RunCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private ProcessBuilder mnistRun(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(TestData.projectDir().resolve("bin/mnist-run").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--root", TestData.mnistRoot().toAbsolutePath().toString()));
        return new ProcessBuilder(command).directory(tmp.toFile());
    }

    private Run run(String... args) throws Exception {
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = mnistRun(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mnist-run finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path example(String name) {
        return TestData.projectDir().resolve("examples").resolve(name);
    }

    @Test
    void dryRunPrintsTheSummary() throws Exception {
        Run r = run(example("mnist_cnn.groovy").toString(), "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Total params: 3,274,634"), r.out());
        assertTrue(r.out().contains("dry run: "), r.out());
    }

    @Test
    void scriptErrorsExitWithTwo() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.groovy"), "experiment 'x'\ndataset mnist\nmodel {\n  linear 10\n}\n"
                + "train {\n  epochs 0\n}\n");
        Run r = run(bad.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(bad + ":7:3: epochs must be positive, not 0"), r.err());
        Run usage = run("--resume", "a", "--eval", "b");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("--resume and --eval exclude each other"), usage.err());
    }

    @Test
    void quickstartEndToEnd() throws Exception {
        Run r = run(example("quickstart.groovy").toString(), "--out", tmp.resolve("runs").toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        Matcher acc = Pattern.compile("Test accuracy: (\\d+\\.\\d\\d) %").matcher(r.out());
        assertTrue(acc.find(), r.out());
        assertTrue(Double.parseDouble(acc.group(1)) >= 96.5, r.out());
        assertTrue(Pattern.compile("Time to recognise 10,000 test images: \\d+\\.\\d\\d s").matcher(r.out()).find(), r.out());
        Path runDir = onlyRun();
        assertTrue(r.out().contains("Run folder: " + runDir), r.out());
        for (String f : List.of("spec.json", "quickstart-0002.params", "checkpoint.json", "metrics.json", "metrics.csv",
                "history.csv", "train-samples.png", "curves.png", "test-predictions.png", "confusion.png", "report.html")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        JsonObject metrics = SpecJson.gson().fromJson(Files.readString(runDir.resolve("metrics.json")), JsonObject.class);
        assertEquals(2, metrics.getAsJsonArray("epochs").size());
        assertEquals(Double.parseDouble(acc.group(1)), 100 * metrics.get("testAccuracy").getAsDouble(), 0.006);
    }

    @Test
    void interruptKeepsTheCheckpointThenResumeAndEval() throws Exception {
        Process p = mnistRun(example("quickstart.groovy").toString(), "--out", tmp.resolve("runs").toString(),
                "--set", "dataset.limit=3000", "--set", "train.epochs=5", "--set", "train.recordEvery=5")
                .redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            boolean interrupted = false;
            for (String line; (line = lines.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (!interrupted && line.startsWith("epoch 2 batch 10/")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                    interrupted = true;
                }
            }
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(130, p.exitValue(), seen.toString());
        assertTrue(seen.toString().contains("interrupted: the last checkpoint stays in"), seen.toString());
        // The signal lands wherever the run has got to by then (epoch 2 on any machine seen so far, but
        // a fast one may be further): whichever epoch was cut short, the one before it is the checkpoint.
        Path runDir = onlyRun();
        JsonObject partial = SpecJson.gson().fromJson(Files.readString(runDir.resolve("metrics.json")), JsonObject.class);
        assertTrue(partial.get("cancelled").getAsBoolean());
        int finished = partial.getAsJsonArray("epochs").size();
        assertTrue(finished >= 1 && finished < 5, "epochs finished before the interrupt: " + finished);
        assertTrue(Files.exists(runDir.resolve(String.format("quickstart-%04d.params", finished))));
        assertFalse(Files.exists(runDir.resolve(String.format("quickstart-%04d.params", finished + 1))));

        Run resumed = run("--resume", runDir.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(Files.exists(runDir.resolve("quickstart-0005.params")));
        JsonObject done = SpecJson.gson().fromJson(Files.readString(runDir.resolve("metrics.json")), JsonObject.class);
        assertEquals(5, done.getAsJsonArray("epochs").size());
        assertFalse(done.get("cancelled").getAsBoolean());

        Run eval = run("--eval", runDir.toString());
        assertEquals(0, eval.exit(), eval.err());
        Matcher acc = Pattern.compile("Test accuracy: (\\d+\\.\\d\\d) %").matcher(eval.out());
        assertTrue(acc.find(), eval.out());
        assertEquals(100 * done.get("testAccuracy").getAsDouble(), Double.parseDouble(acc.group(1)), 0.006);
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
