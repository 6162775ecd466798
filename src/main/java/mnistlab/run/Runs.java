package mnistlab.run;

import mnistlab.engine.Experiment;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one way a run folder is made, for bin/mnist-run, the REPL and embedding applications
 * alike: spec.json, a checkpoint and metrics.json every epoch, then the spec's plots and
 * report.html. Training in memory is {@link Experiment#train(int, TrainingListener...)}.
 */
public final class Runs {
    private Runs() {
    }

    /**
     * Trains up to the spec's epoch count into a run folder: a new one under {@code runsRoot}, or
     * the one {@code exp} was opened from (resuming it). {@code warnings} hears about plots that
     * could not be drawn as asked (a missing font, say).
     * @param exp the experiment, new or opened from a run folder
     * @param runsRoot where new run folders go
     * @param progress hears of every batch, record and epoch
     * @param warnings hears of what could not be drawn as asked
     * @return the training's result, with its run folder
     * @throws IOException when the run folder cannot be written
     */
    public static TrainingResult train(Experiment exp, Path runsRoot, TrainingListener progress, Consumer<String> warnings)
            throws IOException {
        return exp.trainIntoRunFolder(runsRoot, exp.spec().train().epochs(), progress, new RunReport(exp, warnings));
    }

    /**
     * Writes what {@code exp} has now into a new run folder under {@code runsRoot}, as
     * {@link #train} would have: spec, parameters, metrics, plots and report.html.
     * @param exp the experiment
     * @param runsRoot where the new run folder goes
     * @param warnings hears of what could not be drawn as asked
     * @return the new run folder
     * @throws IOException when it cannot be written
     */
    public static Path save(Experiment exp, Path runsRoot, Consumer<String> warnings) throws IOException {
        TrainingResult saved = exp.saveTo(runsRoot);
        RunReport.write(exp, saved, saved.runDir(), warnings);
        return saved.runDir();
    }
}
