package mnistlab.cli;

import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.Experiment;
import mnistlab.i18n.Messages;
import mnistlab.result.TrainingListener;
import mnistlab.run.SlurmExecutor;
import mnistlab.run.SlurmOptions;
import mnistlab.run.Sweeps;
import mnistlab.run.TrialExecutor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A planned series of trials (a sweep's, or repeats' on a cluster) trained by the executor the
 * command line chose: in this JVM, as child processes, or as one Slurm job array. Ctrl-C stops
 * the trainings under way; a Slurm array's tasks are the cluster's (see {@link SlurmInterrupt}).
 */
final class TrialSeries {
    /** Writes a new plan; returns its folder. */
    interface Planner {
        Path plan() throws IOException;
    }

    /** The series' folder, its trials' results, and whether Ctrl-C ended it. */
    record Outcome(Path folder, List<Sweeps.TrialResult> results, boolean interrupted) {
    }

    private TrialSeries() {
    }

    static Outcome train(Planner planner, boolean repeats, Path resumeDir, int workers, SlurmOptions slurm, boolean quiet,
                         Sweeps.TrialSpecs specs, Function<Sweeps.TrialJob, List<String>> trialArguments,
                         PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (slurm != null) {
            SlurmExecutor.checkCluster(); // before a folder is planned
        }
        Path folder = resumeDir != null ? resumeDir : planner.plan();
        Set<Experiment> running = ConcurrentHashMap.newKeySet();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Consumer<String> warnings = warning -> {
            stderr.println(Messages.get("cli.warning", warning));
            stderr.flush();
        };
        Consumer<String> progress = quiet ? line -> { } : line -> {
            stdout.println(line);
            stdout.flush();
        };
        SlurmExecutor array = slurm == null ? null : new SlurmExecutor(folder, launcher(), slurm, trialArguments,
                interrupted::get, progress, warnings);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            if (array != null) {
                SlurmInterrupt.decide(array, slurm.detach(), stderr);
            }
            running.forEach(Experiment::cancel);
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy); // trials in child JVMs checkpoint too
            SeriesCommands.await(finished);
        }, "mnist-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int trials = Sweeps.trials(folder).size();
            stdout.println(array == null ? Messages.get("series.sweep", folder, trials, workers)
                    : Messages.get(repeats ? "series.repeatsSlurm" : "series.sweepSlurm", folder, trials));
            stdout.flush();
            TrialExecutor executor = array != null ? array
                    : workers > 1 ? TrialExecutor.processes(workers, trialArguments)
                    : TrialExecutor.inProcess(quiet ? TrainingListener.NONE
                    : new ConsoleProgress(stdout, System.console() != null), running::add, interrupted::get, warnings);
            List<Sweeps.TrialResult> results;
            try {
                results = Sweeps.run(folder, specs, executor, warnings);
            } catch (IOException e) {
                if (array != null && resumeDir == null && array.submittedJobs().isEmpty()) {
                    deleteTree(folder); // nothing was submitted: no half-made folder stays behind
                }
                throw e;
            }
            if (!interrupted.get()) {
                SeriesCommands.removeHook(hook);
            }
            return new Outcome(folder, results, interrupted.get());
        } finally {
            finished.countDown();
        }
    }

    /** bin/mnist-run at the path this JVM was started from, which Slurm's nodes share. */
    private static Path launcher() throws IOException {
        String home = System.getProperty("mnistlab.home");
        Path launcher = home == null ? null : Path.of(home, "bin", "mnist-run");
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new IOException(Messages.get("slurm.noLauncher"));
        }
        return launcher.toAbsolutePath();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
