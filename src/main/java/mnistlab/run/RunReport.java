package mnistlab.run;

import mnistlab.engine.Experiment;
import mnistlab.i18n.Messages;
import mnistlab.plot.Plots;
import mnistlab.plot.Report;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Renders the spec's plots and report.html into the run folder when a training that wrote one ends. */
public final class RunReport implements TrainingListener {
    private final Experiment exp;
    private final Consumer<String> warnings;

    /**
     * Draws the spec's pictures and report.html when training ends.
     * @param exp the experiment
     * @param warnings hears of what could not be drawn as asked
     */
    public RunReport(Experiment exp, Consumer<String> warnings) {
        this.exp = exp;
        this.warnings = warnings;
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (result.runDir() != null && !result.cancelled()) {
            try {
                write(exp, result, result.runDir(), warnings);
            } catch (IOException e) {
                throw new UncheckedIOException(Messages.get("plot.reportFailed", result.runDir()), e);
            }
        }
    }

    /**
     * The plots and report.html of {@code result} in {@code runDir}; returns the report.
     * @param exp the experiment
     * @param result what training did
     * @param runDir the run folder
     * @param warnings hears of what could not be drawn as asked
     * @return report.html
     * @throws IOException when the file cannot be written
     */
    public static Path write(Experiment exp, TrainingResult result, Path runDir, Consumer<String> warnings)
            throws IOException {
        List<Path> pictures = Plots.render(exp.spec().plots(), exp.plotInputs(result),
                runDir, warnings);
        return Report.write(runDir, exp.spec(), exp.summary(), result, exp.testSet().classNames(), pictures);
    }
}
