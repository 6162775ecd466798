package mnistlab.run;

import mnistlab.engine.Experiment;
import mnistlab.engine.TrainingListener;
import mnistlab.engine.TrainingResult;
import mnistlab.plot.RunReport;

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
     */
    public static TrainingResult train(Experiment exp, Path runsRoot, TrainingListener progress, Consumer<String> warnings)
            throws IOException {
        return exp.trainIntoRunFolder(runsRoot, exp.spec().train().epochs(), progress, new RunReport(exp, warnings));
    }

    /**
     * Writes what {@code exp} has now into a new run folder under {@code runsRoot}, as
     * {@link #train} would have: spec, parameters, metrics, plots and report.html.
     */
    public static Path save(Experiment exp, Path runsRoot, Consumer<String> warnings) throws IOException {
        TrainingResult saved = exp.saveTo(runsRoot);
        RunReport.write(exp, saved, saved.runDir(), warnings);
        return saved.runDir();
    }
}
