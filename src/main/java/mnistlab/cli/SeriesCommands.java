package mnistlab.cli;

import mnistlab.dsl.ScriptLoader;
import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.Ensemble;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;
import mnistlab.plot.SweepReport;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Repeats;
import mnistlab.run.SlurmOptions;
import mnistlab.run.Sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * bin/mnist-run over several trainings: {@code --repeats N} (or {@code repeats} in the script), a
 * script's {@code sweep { }} and {@code --ensemble}.
 */
final class SeriesCommands {
    private SeriesCommands() {
    }

    /** Trains the repeats and prints each epoch's spread; Ctrl-C stops the one training and ends the series. */
    static int repeats(ExperimentSpec spec, Path out, boolean quiet, PrintWriter stdout, PrintWriter stderr)
            throws IOException {
        AtomicReference<Experiment> current = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            Experiment exp = current.get();
            if (exp != null) {
                exp.cancel();
            }
            await(finished);
        }, "mnist-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Repeats.Summary summary;
        try {
            TrainingListener progress = quiet ? TrainingListener.NONE : new ConsoleProgress(stdout, System.console() != null);
            summary = Repeats.train(spec, out, progress, exp -> {
                current.set(exp);
                if (!quiet) {
                    stdout.println(Messages.get("series.repeatSeed", exp.spec().train().seed()));
                    stdout.flush();
                }
            }, interrupted::get, warning -> stderr.println(Messages.get("cli.warning", warning)));
        } finally {
            finished.countDown();
        }
        printRepeats(spec, summary, stdout);
        if (interrupted.get() || summary.results().stream().anyMatch(TrainingResult::cancelled)) {
            return interrupted(stderr, "series.repeatsInterrupted", summary.folder());
        }
        removeHook(hook);
        return 0;
    }

    private static void printRepeats(ExperimentSpec spec, Repeats.Summary summary, PrintWriter stdout) {
        stdout.println(Messages.get("series.repeats", summary.results().size(), spec.train().seed(),
                spec.train().seed() + summary.results().size() - 1));
        for (Repeats.EpochStats e : summary.epochs()) {
            stdout.println(e.validation() == null ? Messages.get("series.repeatEpoch", e.epoch(), e.test())
                    : Messages.get("series.repeatEpochValidated", e.epoch(), e.test(), e.validation()));
        }
        for (TrainingResult r : summary.results()) {
            stdout.println(Messages.get("run.folder", r.runDir()));
        }
        stdout.println(Messages.get("series.summary", summary.folder().resolve(Repeats.CSV)));
        stdout.flush();
    }

    /** Ctrl-C's hook waits until the run folders are written (two minutes at most). */
    static void await(CountDownLatch finished) {
        try {
            finished.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Training ended by itself: the hook is not needed (unless the JVM is already shutting down and runs it). */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs and finds the latch open
        }
    }

    /**
     * Plans a sweep (or, with {@code resumeDir}, takes the plan a stopped one left there), trains
     * its unfinished trials here or, with {@code slurm}, as a Slurm job array, and prints the table.
     */
    static int sweep(ScriptLoader.Loaded loaded, Path resumeDir, Path out, int workers, SlurmOptions slurm,
                     boolean quiet, Sweeps.TrialSpecs specs, Function<Sweeps.TrialJob, List<String>> trialArguments,
                     PrintWriter stdout, PrintWriter stderr) throws IOException {
        ExperimentSpec spec = loaded.spec();
        TrialSeries.Outcome outcome = TrialSeries.train(
                () -> Sweeps.plan(loaded.sweep(), spec.train().seed(), spec.name(), out), false, resumeDir, workers,
                slurm, quiet, specs, trialArguments, stdout, stderr);
        for (Sweeps.TrialResult r : outcome.results()) {
            List<EpochMetrics> epochs = r.result().epochs();
            stdout.println(Messages.get("series.trial", r.trial().name(), r.trial().values(),
                    epochs.isEmpty() ? 0f : 100 * epochs.get(Math.max(r.result().keptEpoch(), 1) - 1).testAccuracy(),
                    epochs.size()));
        }
        stdout.println(Messages.get("series.summary", outcome.folder().resolve(SweepReport.HTML)));
        stdout.flush();
        return outcome.interrupted() ? interrupted(stderr, "series.sweepInterrupted", outcome.folder()) : 0;
    }

    /**
     * The repeats as one Slurm job array, a trial per seed (or, with {@code resumeDir}, those a
     * stopped series left unfinished); then each epoch's spread, as {@link #repeats} prints it.
     */
    static int repeatsOnSlurm(ExperimentSpec spec, Path resumeDir, Path out, SlurmOptions slurm, boolean quiet,
                              Sweeps.TrialSpecs specs, Function<Sweeps.TrialJob, List<String>> trialArguments,
                              PrintWriter stdout, PrintWriter stderr) throws IOException {
        TrialSeries.Outcome outcome = TrialSeries.train(() -> Repeats.plan(spec, out), true, resumeDir, 1, slurm, quiet,
                specs, trialArguments, stdout, stderr);
        Repeats.Summary summary = Repeats.summarize(spec, outcome.folder(),
                outcome.results().stream().map(Sweeps.TrialResult::result).toList(),
                warning -> stderr.println(Messages.get("cli.warning", warning)));
        printRepeats(spec, summary, stdout);
        return outcome.interrupted() ? interrupted(stderr, "series.repeatsInterrupted", outcome.folder()) : 0;
    }

    private static int interrupted(PrintWriter stderr, String key, Path folder) {
        stderr.println(Messages.get(key, folder));
        stderr.flush();
        return ExitCodes.INTERRUPTED;
    }

    /** The committee's test (and validation) accuracy, its members' and their mean. */
    static int ensemble(List<Path> runs, int shiftRadius, PrintWriter stdout) throws IOException {
        Ensemble.Result result = Ensemble.evaluate(runs, shiftRadius);
        double mean = 0;
        for (int i = 0; i < runs.size(); i++) {
            stdout.println(Messages.get("series.member", 100 * result.accuracies().get(i), runs.get(i)));
            mean += result.accuracies().get(i) / runs.size();
        }
        stdout.println(Messages.get("series.membersMean", runs.size(), 100 * mean));
        Evaluation validation = result.validation();
        if (validation != null) {
            stdout.println(Messages.get("series.ensembleValidation", 100 * validation.accuracy(), validation.correct(),
                    validation.count(), validation.loss()));
        }
        stdout.println(Messages.get("series.ensemble", 100 * result.ensemble().accuracy(), result.ensemble().correct(),
                result.ensemble().count(), result.ensemble().loss()));
        int[][] confusion = result.ensemble().confusion();
        if (confusion.length <= 20) {
            stdout.println(Messages.get("series.confusion"));
            StringBuilder header = new StringBuilder("      ");
            for (int p = 0; p < confusion.length; p++) {
                header.append(String.format(Locale.ROOT, "%6d", p));
            }
            stdout.println(header);
            for (int t = 0; t < confusion.length; t++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", t));
                for (int count : confusion[t]) {
                    row.append(String.format(Locale.ROOT, "%6d", count));
                }
                stdout.println(row);
            }
        }
        stdout.flush();
        return 0;
    }
}
