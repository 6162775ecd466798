package mnistlab.cli;

import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.Ensemble;
import mnistlab.engine.Experiment;
import mnistlab.engine.TrainingListener;
import mnistlab.engine.TrainingResult;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.run.Repeats;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** bin/mnist-run over several trainings: {@code --repeats N} (or {@code repeats} in the script) and {@code --ensemble}. */
final class SeriesCommands {
    private SeriesCommands() {
    }

    /** Trains the repeats and prints each epoch's spread; Ctrl-C stops the one training and ends the series. */
    static int repeats(ExperimentSpec spec, Path out, boolean quiet, PrintWriter stdout, PrintWriter stderr)
            throws IOException {
        AtomicReference<Experiment> current = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            Experiment exp = current.get();
            if (exp != null) {
                exp.cancel();
            }
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mnist-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Repeats.Summary summary;
        try {
            TrainingListener progress = quiet ? TrainingListener.NONE : new ConsoleProgress(stdout, System.console() != null);
            summary = Repeats.train(spec, out, progress, exp -> {
                current.set(exp);
                if (!quiet) {
                    stdout.println("repeat with seed " + exp.spec().train().seed());
                    stdout.flush();
                }
            }, warning -> stderr.println("warning: " + warning));
        } finally {
            finished.countDown();
        }
        stdout.printf(Locale.ROOT, "%d repeats (seeds %d to %d), test accuracy per epoch: mean ± sd (min–max)%n",
                summary.results().size(), spec.train().seed(), spec.train().seed() + summary.results().size() - 1);
        for (Repeats.EpochStats e : summary.epochs()) {
            stdout.printf(Locale.ROOT, "epoch %d: test %s%s%n", e.epoch(), e.test(),
                    e.validation() == null ? "" : ", validation " + e.validation());
        }
        for (TrainingResult r : summary.results()) {
            stdout.println("Run folder: " + r.runDir());
        }
        stdout.println("Summary: " + summary.folder().resolve(Repeats.CSV));
        stdout.flush();
        boolean cancelled = summary.results().stream().anyMatch(TrainingResult::cancelled);
        if (cancelled) {
            stderr.println("interrupted: the repeats finished so far stay in " + summary.folder());
            stderr.flush();
            return RunCommand.INTERRUPTED;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs and finds the latch open
        }
        return 0;
    }

    /** The committee's test accuracy, its members' and their mean. */
    static int ensemble(List<Path> runs, PrintWriter stdout) throws IOException {
        Ensemble.Result result = Ensemble.evaluate(runs);
        double mean = 0;
        for (int i = 0; i < runs.size(); i++) {
            stdout.printf(Locale.ROOT, "%.2f %%  %s%n", 100 * result.accuracies().get(i), runs.get(i));
            mean += result.accuracies().get(i) / runs.size();
        }
        stdout.printf(Locale.ROOT, "Mean of the %d runs: %.2f %%%n", runs.size(), 100 * mean);
        stdout.printf(Locale.ROOT, "Ensemble test accuracy: %.2f %% (%d of %d test images; loss %.4f)%n",
                100 * result.ensemble().accuracy(), result.ensemble().correct(), result.ensemble().count(),
                result.ensemble().loss());
        stdout.flush();
        return 0;
    }
}
