package mnistlab.repl;

import mnistlab.dsl.ScriptLoader;
import mnistlab.data.ImageFiles;
import mnistlab.data.NoDigitException;
import mnistlab.engine.Experiment;
import mnistlab.engine.RunFolder;
import mnistlab.engine.ShapeMismatchException;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.i18n.Messages;
import mnistlab.plot.Plots;
import mnistlab.result.Evaluation;
import mnistlab.result.ModelSummary;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Runs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a REPL session holds: the loaded script and its overrides, the experiment (created on
 * first need, so the prompt comes up before the engine loads), and the last results. Commands
 * and the Groovy/Java helpers go through here.
 */
public final class ReplSession implements AutoCloseable {
    /** Live objects shared with Java snippets: JShell runs in this JVM and reads them from here. */
    public static final Map<String, Object> SHARED = new ConcurrentHashMap<>();

    private Path script;
    private final List<String> overrides = new ArrayList<>();
    private ScriptLoader.Loaded loaded;
    private Experiment experiment;
    private TrainingResult lastTraining;
    private Evaluation lastEvaluation;
    private Path outputDir = Path.of("repl-output");

    /**
     * :load: reads a script (the engine starts when first needed).
     * @param file the script
     * @throws IOException when data or a folder cannot be read or written
     */
    public void load(Path file) throws IOException {
        ScriptLoader.Loaded parsed = ScriptLoader.load(file, List.of(), false);
        closeExperiment();
        script = file;
        overrides.clear();
        loaded = parsed;
    }

    /**
     * :set: overrides a spec value and reloads the script.
     * @param keyValue key=value, as --set takes it
     * @throws IOException when data or a folder cannot be read or written
     */
    public void set(String keyValue) throws IOException {
        requireScript();
        List<String> all = new ArrayList<>(overrides);
        all.add(keyValue);
        loaded = ScriptLoader.load(script, all, false);
        overrides.add(keyValue);
        closeExperiment(); // the spec changed: the next command builds a fresh experiment
    }

    /** @return the loaded spec, or null */
    public ExperimentSpec spec() {
        return loaded == null ? null : loaded.spec();
    }

    /** @return the model's layers, shapes and parameter counts */
    public ModelSummary summary() {
        requireScript();
        return ScriptLoader.check(loaded);
    }

    /**
     * The experiment, created (data loaded, model built) on first use.
     * @return the experiment
     * @throws IOException when data or a folder cannot be read or written
     */
    public Experiment experiment() throws IOException {
        if (experiment == null) {
            requireScript();
            try {
                experiment = Experiment.create(loaded.spec());
            } catch (ShapeMismatchException e) {
                ScriptLoader.check(loaded); // the same mismatch, reported at the layer's script line
                throw e;
            }
        }
        return experiment;
    }

    /** @return whether the experiment has been built */
    public boolean hasExperiment() {
        return experiment != null;
    }

    /**
     * :train: trains more epochs.
     * @param epochs how many more
     * @param listener hears of every batch, record and epoch
     * @return what training has done
     * @throws IOException when data or a folder cannot be read or written
     */
    public TrainingResult train(int epochs, TrainingListener listener) throws IOException {
        Experiment exp = experiment();
        if (epochs <= 0) {
            throw new IllegalArgumentException(Messages.get("spec.epochs", epochs));
        }
        lastTraining = exp.train(exp.epochsDone() + epochs, listener);
        if (lastTraining.test() != null) {
            lastEvaluation = lastTraining.test();
        }
        return lastTraining;
    }

    /** Ctrl-C: stops training or evaluation at the next batch. */
    public void cancel() {
        if (experiment != null) {
            experiment.cancel();
        }
    }

    /**
     * :eval: classifies the test set.
     * @return the evaluation
     * @throws IOException when data or a folder cannot be read or written
     */
    public Evaluation evaluate() throws IOException {
        lastEvaluation = experiment().evaluate();
        return lastEvaluation;
    }

    /**
     * Classifies a test image.
     * @param testIndex the image, from 0
     * @return the prediction
     * @throws IOException when data or a folder cannot be read or written
     */
    public Prediction predict(int testIndex) throws IOException {
        return experiment().predict(image(testIndex));
    }

    /**
     * Classifies rows x cols pixels in [0,1].
     * @param pixels the image
     * @return the prediction
     * @throws IOException when data or a folder cannot be read or written
     */
    public Prediction predict(float[] pixels) throws IOException {
        return experiment().predict(pixels);
    }

    /**
     * Classifies a picture of a digit of any size.
     * @param picture the picture
     * @return the prediction
     * @throws IOException when data or a folder cannot be read or written
     */
    public Prediction predict(BufferedImage picture) throws IOException {
        return experiment().predict(picture);
    }

    /**
     * A picture file of a digit, of any size, prepared as MNIST was made.
     * @param picture the file
     * @return the prediction
     * @throws IOException when data or a folder cannot be read or written
     */
    public Prediction predict(Path picture) throws IOException {
        try {
            return predict(ImageFiles.read(picture));
        } catch (IOException | NoDigitException e) {
            throw new IOException(picture + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param testIndex the image, from 0
     * @return its pixels
     * @throws IOException when data or a folder cannot be read or written
     */
    public float[] image(int testIndex) throws IOException {
        return experiment().testSet().image(checkIndex(testIndex));
    }

    /**
     * @param testIndex the image, from 0
     * @return its true class
     * @throws IOException when data or a folder cannot be read or written
     */
    public int label(int testIndex) throws IOException {
        return experiment().testSet().label(checkIndex(testIndex));
    }

    private int checkIndex(int index) throws IOException {
        int size = experiment().testSet().size();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(Messages.get("repl.imageIndex", index, size - 1));
        }
        return index;
    }

    /**
     * @return the confusion matrix of the last evaluation (evaluating first if there is none)
     * @throws IOException when data or a folder cannot be read or written
     */
    public int[][] confusion() throws IOException {
        return (lastEvaluation != null ? lastEvaluation : evaluate()).confusion();
    }

    /**
     * Renders one plot kind, as a script's plots { } would, into the output folder (the run folder once saved).
     * @param kind curves, samples, predictions, confusion, misclassified or augmented
     * @param warnings hears of what could not be drawn as asked
     * @return the file written
     * @throws IOException when data or a folder cannot be read or written
     */
    public Path plot(String kind, Consumer<String> warnings) throws IOException {
        PlotKind plot = PlotKind.named(kind);
        Experiment exp = experiment();
        if (plot == PlotKind.CURVES && exp.epochsDone() == 0) {
            throw new IllegalStateException(Messages.get("repl.notTrained"));
        }
        Path dir = exp.runDir() != null ? exp.runDir() : outputDir;
        Files.createDirectories(dir);
        boolean needsEvaluation = plot == PlotKind.PREDICTIONS || plot == PlotKind.CONFUSION || plot == PlotKind.MISCLASSIFIED;
        Evaluation evaluation = !needsEvaluation ? null : lastEvaluation != null ? lastEvaluation : evaluate();
        Plots.Inputs inputs = exp.plotInputs(exp.soFar(evaluation));
        return Plots.render(List.of(new PlotSpec(plot, plot.dslName() + ".png", PlotOptions.DEFAULTS)), inputs, dir,
                warnings).get(0);
    }

    /**
     * Writes the experiment as it is into a new run folder under {@code runsRoot}, as bin/mnist-run makes one.
     * @param runsRoot where the run folder goes
     * @param warnings hears of what could not be drawn as asked
     * @return the run folder
     * @throws IOException when data or a folder cannot be read or written
     */
    public Path save(Path runsRoot, Consumer<String> warnings) throws IOException {
        return Runs.save(experiment(), runsRoot, warnings);
    }

    /**
     * :open: opens a saved run.
     * @param runDir the run folder
     * @throws IOException when data or a folder cannot be read or written
     */
    public void open(Path runDir) throws IOException {
        Experiment opened = Experiment.open(runDir);
        closeExperiment();
        experiment = opened;
        loaded = new ScriptLoader.Loaded(opened.spec(), runDir.resolve(RunFolder.SPEC).toString(), List.of(), null);
        script = null;
        overrides.clear();
    }

    /**
     * Where :plot writes before the experiment is saved.
     * @param dir the folder
     */
    public void outputDir(Path dir) {
        outputDir = dir;
    }

    /**
     * The values bound as session variables, by name.
     * @return name to value
     */
    public Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("spec", spec());
        vars.put("experiment", experiment);
        vars.put("model", experiment == null ? null : experiment.model());
        vars.put("train", experiment == null ? null : experiment.trainSet());
        vars.put("test", experiment == null ? null : experiment.testSet());
        vars.put("inspector", experiment == null ? null : experiment.inspector());
        vars.put("results", lastTraining);
        vars.put("evaluation", lastEvaluation);
        return vars;
    }

    private void requireScript() {
        if (loaded == null) {
            throw new IllegalStateException(Messages.get("repl.noExperiment"));
        }
    }

    private void closeExperiment() {
        if (experiment != null) {
            experiment.close();
            experiment = null;
        }
        lastTraining = null;
        lastEvaluation = null;
    }

    /** Forgets everything but the script. */
    public void reset() {
        closeExperiment();
    }

    @Override
    public void close() {
        closeExperiment();
    }
}
