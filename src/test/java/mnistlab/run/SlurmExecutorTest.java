package mnistlab.run;

import mnistlab.TestData;
import mnistlab.engine.RunFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sweeps through a real Slurm (bin/mnist-test starts a one-node one with bin/mnist-slurm-local and
 * sets SLURM_CONF): bin/mnist-run as a user runs it, the array's tasks running bin/mnist-run too.
 */
class SlurmExecutorTest {
    @TempDir
    static Path dir;
    private static String root;

    private record Launch(int exit, String out, String err) {
    }

    @BeforeAll
    static void slurmIsUp() throws Exception {
        if (System.getenv("SLURM_CONF") == null && !Files.exists(Path.of("/etc/slurm/slurm.conf"))) {
            fail("no Slurm to submit to: bin/mnist-slurm-local start brings one up (bin/mnist-test does)");
        }
        root = TestData.mnistRoot().toAbsolutePath().toString();
    }

    @Test
    void aTwoTrialSweepRunsAsOneJobArrayAndIsSummedUpAsLocally() throws Exception {
        Path script = script("grid", "sweep { grid 'train.lr': [0.01, 0.003] }", 1);
        Launch slurm = launch(Map.of(), script.toString(), "--root", root, "--out", dir.resolve("slurm").toString(),
                "--executor", "slurm", "--max-parallel", "2", "--cpus-per-trial", "1");
        assertEquals(0, slurm.exit(), slurm.err());
        assertTrue(slurm.out().matches("(?s).*Slurm job \\d+: array 0-1%2 submitted.*"), slurm.out());
        assertTrue(slurm.out().contains("Slurm: 0 pending, 0 running, 2 done, 0 failed"), slurm.out());
        Path sweep = only(dir.resolve("slurm"));
        String batch = Files.readString(sweep.resolve(SlurmScript.FILE));
        assertTrue(batch.contains("#SBATCH --array=0-1%2\n") && batch.contains("#SBATCH --cpus-per-task=1\n"), batch);
        for (Sweeps.Trial trial : Sweeps.trials(sweep)) {
            String log = Files.readString(sweep.resolve(trial.name()).resolve(Sweeps.TRIAL_LOG));
            assertTrue(log.contains("Test accuracy: "), log);
        }

        Launch local = launch(Map.of(), script.toString(), "--root", root, "--out", dir.resolve("local").toString(),
                "--quiet");
        assertEquals(0, local.exit(), local.err());
        List<String> slurmRows = Files.readAllLines(sweep.resolve("sweep.csv"));
        List<String> localRows = Files.readAllLines(only(dir.resolve("local")).resolve("sweep.csv"));
        assertEquals(3, slurmRows.size());
        assertEquals(localRows.get(0), slurmRows.get(0));
        for (int i = 1; i < 3; i++) {
            assertEquals(localRows.get(i).split(",")[0] + localRows.get(i).split(",")[1],
                    slurmRows.get(i).split(",")[0] + slurmRows.get(i).split(",")[1]);
        }
    }

    @Test
    void aTaskCancelledMidTrialIsNamedAndResumeFinishesItFromItsCheckpoint() throws Exception {
        Path script = script("killed", "sweep { grid 'train.epochs': [1, 40] }", 1);
        Path out = dir.resolve("killed");
        List<String> command = launcherCommand(script.toString(), "--root", root, "--out", out.toString(),
                "--executor", "slurm");
        Process sweepProcess = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path sweep = waitFor(() -> Files.isDirectory(out) ? onlyOrNull(out) : null);
        Path longTrial = sweep.resolve("trial-002");
        waitFor(() -> {
            Path run = Sweeps.runOf(longTrial);
            RunFolder.Checkpoint c = run == null ? null : RunFolder.open(run).readCheckpoint();
            return c != null && c.epochsDone() >= 2 ? c : null;
        });
        String job = Files.readAllLines(sweep.resolve(SlurmExecutor.JOBS)).get(0).strip();
        Process scancel = new ProcessBuilder("scancel", job + "_1").inheritIO().start();
        assertEquals(0, scancel.waitFor());
        assertTrue(sweepProcess.waitFor(2, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("killed.log"));
        assertEquals(1, sweepProcess.exitValue(), log);
        assertTrue(log.contains("trial-002 failed in Slurm (array task 1 of job " + job + ", CANCELLED): see "
                + longTrial.resolve(Sweeps.TRIAL_LOG)), log);
        assertTrue(log.contains("1 of 2 trials failed in Slurm: bin/mnist-run SCRIPT --resume " + sweep), log);
        Path run = Sweeps.runOf(longTrial);
        int epochsBefore = RunFolder.open(run).readCheckpoint().epochsDone();
        assertTrue(epochsBefore >= 2 && epochsBefore < 40, "epochs when cancelled: " + epochsBefore);

        Launch resumed = launch(Map.of(), script.toString(), "--root", root, "--out", out.toString(),
                "--executor", "slurm", "--resume", sweep.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertTrue(resumed.out().matches("(?s).*Slurm job \\d+: array 1 submitted.*"), resumed.out());
        assertEquals(run, Sweeps.runOf(longTrial), "continued in its run folder, not started afresh");
        assertEquals(40, RunFolder.open(run).readCheckpoint().epochsDone());
        assertEquals(3, Files.readAllLines(sweep.resolve("sweep.csv")).size());
        assertEquals(2, Files.readAllLines(sweep.resolve(SlurmExecutor.JOBS)).size());
    }

    @Test
    void repeatsAsAJobArraySumUpAsTheyDoLocallyAndTheirRunsMakeAnEnsemble() throws Exception {
        Path script = script("repeated", "", 2);
        Launch slurm = launch(Map.of(), script.toString(), "--root", root, "--out", dir.resolve("rep-slurm").toString(),
                "--repeats", "2", "--executor", "slurm", "--quiet");
        assertEquals(0, slurm.exit(), slurm.err());
        Launch local = launch(Map.of(), script.toString(), "--root", root, "--out", dir.resolve("rep-local").toString(),
                "--repeats", "2", "--quiet");
        assertEquals(0, local.exit(), local.err());
        Path series = only(dir.resolve("rep-slurm"));
        assertEquals(Files.readString(only(dir.resolve("rep-local")).resolve(Repeats.CSV)),
                Files.readString(series.resolve(Repeats.CSV)));
        Launch ensemble = launch(Map.of(), "--ensemble", Sweeps.runOf(series.resolve("trial-001")).toString(),
                Sweeps.runOf(series.resolve("trial-002")).toString());
        assertEquals(0, ensemble.exit(), ensemble.err());
        assertTrue(ensemble.out().contains("Ensemble test accuracy: "), ensemble.out());
    }

    @Test
    void ctrlCWithNoTerminalLeavesTheArrayRunningAndResumeFollowsItWithoutResubmitting() throws Exception {
        Path script = script("left", "sweep { grid 'train.epochs': [1, 40] }", 1);
        Path out = dir.resolve("left");
        Process sweepProcess = new ProcessBuilder(launcherCommand(script.toString(), "--root", root, "--out",
                out.toString(), "--executor", "slurm")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("left.log").toFile()).start();
        Path sweep = waitFor(() -> Files.isDirectory(out) ? onlyOrNull(out) : null);
        waitFor(() -> Sweeps.runOf(sweep.resolve("trial-002")));
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(sweepProcess.pid())).start().waitFor());
        assertTrue(sweepProcess.waitFor(1, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("left.log"));
        assertEquals(130, sweepProcess.exitValue(), log);
        String job = Files.readAllLines(sweep.resolve(SlurmExecutor.JOBS)).get(0).strip();
        assertTrue(log.contains("Slurm job " + job + " keeps running: bin/mnist-run SCRIPT --resume " + sweep), log);

        Launch resumed = launch(Map.of(), script.toString(), "--root", root, "--out", out.toString(),
                "--executor", "slurm", "--resume", sweep.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertFalse(resumed.out().contains("submitted"), resumed.out());
        assertEquals(List.of(job), Files.readAllLines(sweep.resolve(SlurmExecutor.JOBS)));
        assertEquals(40, RunFolder.open(Sweeps.runOf(sweep.resolve("trial-002"))).readCheckpoint().epochsDone());
    }

    @Test
    void withoutSlurmsCommandsOrItsControllerOneLineExitOneAndNoSweepFolder() throws Exception {
        Path script = script("absent", "sweep { grid 'train.lr': [0.01, 0.003] }", 1);
        // a machine without Slurm: only what bin/mnist-run itself uses is on the PATH
        Path noSlurm = Files.createDirectories(dir.resolve("no-slurm-bin"));
        for (String tool : List.of("bash", "dirname", "locale", "sed", "head", "java")) {
            Files.createSymbolicLink(noSlurm.resolve(tool), which(tool));
        }
        Path out = dir.resolve("absent");
        Launch missing = launch(Map.of("PATH", noSlurm.toString()), script.toString(), "--root", root,
                "--out", out.toString(), "--executor", "slurm");
        assertEquals(1, missing.exit(), missing.err());
        assertEquals("mnist-run: sbatch not found on the PATH: --executor slurm needs Slurm's client commands (sbatch, "
                + "squeue, scancel, scontrol); on one machine, bin/mnist-slurm-local start brings up a cluster", missing.err());
        assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent());
        deleteLinks(noSlurm);

        Path conf = dir.resolve("down.conf");
        Path realConf = Path.of(System.getenv().getOrDefault("SLURM_CONF", "/etc/slurm/slurm.conf"));
        Files.writeString(conf, Files.readString(realConf).replaceAll("(?m)^SlurmctldPort=.*$", "SlurmctldPort=1"));
        Launch down = launch(Map.of("SLURM_CONF", conf.toString()), script.toString(), "--root", root,
                "--out", out.toString(), "--executor", "slurm");
        assertEquals(1, down.exit(), down.err());
        assertTrue(down.err().matches("mnist-run: the Slurm controller does not answer \\(scontrol ping: .*DOWN.*\\); "
                + "nothing was written"), down.err());
        assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent());
    }

    @Test
    void theArrayAndEveryWordOfTheBatchScriptAreWrittenSafely() {
        assertEquals("0-2,5,7-8%3", SlurmScript.array(List.of(0, 1, 2, 5, 7, 8), 3));
        assertEquals("4", SlurmScript.array(List.of(4), null));
        assertEquals("'it'\\''s $(rm -rf /)'", SlurmScript.quote("it's $(rm -rf /)"));
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions("a b", null, null, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(null, null, null, null, "1:00", false));
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(null, null, 0, null, null, false));
        assertEquals("2-00:30:00", new SlurmOptions("gpu", 1, 4, 8, "2-00:30:00", true).time());
    }

    private static Path which(String tool) throws IOException {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        return fail(tool + " is not on the PATH");
    }

    /** The links go before JUnit's clean-up, which warns about each link leaving its folder. */
    private static void deleteLinks(Path folder) throws IOException {
        try (Stream<Path> links = Files.list(folder)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    private static Path script(String name, String sweep, int epochs) throws IOException {
        return Files.writeString(dir.resolve(name + ".groovy"), """
                experiment '%s'
                dataset mnist { limit 2000; testLimit 200; download false }
                model { flatten(); linear 64; relu(); linear 10 }
                train { epochs %d; batchSize 50; device cpu; recordEvery 10; seed 3 }
                %s
                """.formatted(name, epochs, sweep));
    }

    private static List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(TestData.projectDir().resolve("bin/mnist-run").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Launch launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "launch", ".out");
        Path err = Files.createTempFile(dir, "launch", ".err");
        ProcessBuilder builder = new ProcessBuilder(launcherCommand(args)).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("bin/mnist-run did not finish");
        }
        return new Launch(p.exitValue(), Files.readString(out).strip(), Files.readString(err).strip());
    }

    private interface Probe<T> {
        T get() throws IOException;
    }

    /** Polls the file system (every 200 ms, two minutes at most) until {@code probe} gives a value. */
    private static <T> T waitFor(Probe<T> probe) throws Exception {
        for (int i = 0; i < 600; i++) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        return fail("not reached in two minutes");
    }

    private static Path only(Path folder) throws IOException {
        Path found = onlyOrNull(folder);
        assertTrue(found != null, "one sweep folder in " + folder);
        return found;
    }

    private static Path onlyOrNull(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.filter(Files::isDirectory).toList();
            return all.size() == 1 ? all.get(0) : null;
        }
    }
}
