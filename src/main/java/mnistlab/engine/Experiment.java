package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.data.DigitImages;
import mnistlab.data.NoDigitException;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.plot.Plots;
import mnistlab.result.Evaluation;
import mnistlab.result.ModelSummary;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's entry point, also the public API for embedding: an experiment's data on the
 * training device, its model, and what training has done so far.
 *
 * <pre>{@code
 * try (Experiment exp = Experiment.create(spec)) {
 *     exp.train(1, listener);                                 // one epoch in memory: nothing written
 *     exp.trainIntoRunFolder(Path.of("runs"), 10, listener);  // checkpoints and metrics every epoch
 *     Prediction p = exp.predict(pixels);
 * }
 * }</pre>
 * {@code mnistlab.run.Runs} adds the spec's plots and report.html: the run folder bin/mnist-run writes.
 */
public final class Experiment implements AutoCloseable {
    private final ExperimentSpec spec;
    private final Device device;
    private final Model model;
    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;
    private final DeviceData data;
    private final ModelSummary summary;
    private final Predictor predictor;
    private final Evaluator evaluator;
    private final Inspector inspector;
    private final TrainingState state = new TrainingState();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private RunFolder run;

    Experiment(ExperimentSpec spec, Model model, ModelSummary summary, MnistData.Splits splits) {
        this.spec = spec;
        this.model = model;
        this.summary = summary;
        this.device = model.getNDManager().getDevice();
        // As Keras's validation_split: the last images of the (limited) training set, the same for every seed.
        ImageSet limited = prepare(splits.train(), spec.dataset().limit());
        int held = spec.dataset().validationCount(limited.size());
        this.train = limited.slice(0, limited.size() - held);
        this.validation = held == 0 ? null : limited.slice(limited.size() - held, limited.size());
        this.test = prepare(splits.test(), spec.dataset().testLimit());
        this.data = new DeviceData(device);
        this.predictor = new Predictor(model, data.manager(), spec.dataset());
        this.evaluator = new Evaluator(model, data.manager(), spec.dataset().classes().size());
        this.inspector = new Inspector(model, data.manager(), predictor, spec, test);
        data.load(train, validation, test, predictor::modelInput);
    }

    private static ImageSet prepare(ImageSet set, int limit) {
        return limit > 0 ? set.limit(limit) : set;
    }

    /**
     * Checks the layers' shapes, loads the data (fetching it when the spec allows) and builds the
     * model with freshly initialised parameters on the spec's device.
     *
     * @throws ShapeMismatchException before any data is loaded, when a layer cannot take its input
     * @param spec the experiment
     * @return the experiment, ready to train
     * @throws IOException when data or a folder cannot be read or written
     */
    public static Experiment create(ExperimentSpec spec) throws IOException {
        return Experiments.create(spec);
    }

    /**
     * Opens a run folder: its spec and its last checkpoint, ready to evaluate, predict or train on.
     * @param runDir a run folder with at least one finished epoch
     * @return the experiment at its last checkpoint
     * @throws IOException when the folder is not a run folder or cannot be read
     */
    public static Experiment open(Path runDir) throws IOException {
        return open(runDir, RunFolder.open(runDir).readSpec());
    }

    /**
     * Opens a run folder with a spec given by the caller (the run's script re-read, say, when its
     * model has lambda layers that spec.json cannot hold). The device may differ from the run's.
     * @param runDir a run folder with at least one finished epoch
     * @param spec the spec to use instead of its spec.json
     * @return the experiment at its last checkpoint
     * @throws IOException when the folder is not a run folder or cannot be read
     */
    public static Experiment open(Path runDir, ExperimentSpec spec) throws IOException {
        return Experiments.open(runDir, spec);
    }

    /**
     * The model's summary without loading data, training or building the model: shapes are
     * checked and parameters counted from the spec. This is what a dry run prints.
     * @param spec the experiment
     * @return layers, output shapes and parameter counts
     * @throws IOException when the engine cannot start
     */
    public static ModelSummary summarize(ExperimentSpec spec) throws IOException {
        return Models.summarize(spec);
    }

    /**
     * Trains up to epoch {@code lastEpoch} in memory: nothing is written. {@code train(epochsDone() + 1)}
     * trains one more epoch; {@code train(spec().train().epochs())} what the spec asks for.
     * @param lastEpoch the epoch to stop after
     * @param listeners hear of every batch, record and epoch (progress, a live page, ...)
     * @return epochs, history and the last test evaluation
     * @throws IOException when data cannot be read
     */
    public TrainingResult train(int lastEpoch, TrainingListener... listeners) throws IOException {
        return train(null, lastEpoch, listeners);
    }

    /**
     * Trains up to epoch {@code lastEpoch} into a run folder: a new one under {@code runsRoot}
     * (spec.json first), or, for an experiment opened from a run folder, that one, continuing from
     * its checkpoint. A checkpoint and metrics.json are written after every epoch.
     * @param runsRoot where a new run folder goes
     * @param lastEpoch the epoch to stop after
     * @param listeners hear of every batch, record and epoch (progress, a live page, ...)
     * @return the result, with its run folder
     * @throws IOException when data or a folder cannot be read or written
     */
    public TrainingResult trainIntoRunFolder(Path runsRoot, int lastEpoch, TrainingListener... listeners)
            throws IOException {
        if (run == null) {
            run = RunFolder.create(runsRoot, spec.name());
            run.writeSpec(spec);
        }
        return train(run, lastEpoch, listeners);
    }

    /**
     * Writes what this experiment has so far into a new run folder under {@code runsRoot}: spec,
     * parameters, and metrics with a fresh evaluation of the test set, which the returned result
     * holds. Training afterwards writes there only through {@link #trainIntoRunFolder}.
     * @param runsRoot where the new run folder goes
     * @return what was saved, with the run folder
     * @throws IOException when data or a folder cannot be read or written
     */
    public TrainingResult saveTo(Path runsRoot) throws IOException {
        RunFolder folder = RunFolder.create(runsRoot, spec.name());
        folder.writeSpec(spec);
        folder.writeCheckpoint(model, state.epochsDone(), state.updatesDone());
        TrainingResult saved = resultSoFar(evaluate(), false, folder.dir());
        folder.writeMetrics(saved, spec);
        run = folder;
        return saved;
    }

    private TrainingResult train(RunFolder folder, int lastEpoch, TrainingListener... listeners) throws IOException {
        List<TrainingListener> all = new ArrayList<>();
        if (folder != null) {
            all.add(new RunFolderWriter(this, folder));
        }
        all.add(NativeHeap.AT_EPOCH_ENDS);
        all.addAll(List.of(listeners));
        BestEpochListener best = spec.train().selectsByValidation() ? new BestEpochListener(
                List.copyOf(model.getBlock().getParameters().values()), data.manager(), spec.train().patience()) : null;
        if (best != null) {
            all.add(best); // last: its early stop comes after every other listener has heard of the epoch
        }
        TrainingListener listener = TrainingListener.all(all);
        cancelRequested.set(false);
        try (best) {
            TrainingLoop.Outcome outcome = new TrainingLoop(trainingRun(), listener, lastEpoch).run();
            Evaluation test = outcome.test();
            int restored = best == null || outcome.cancelled() ? 0 : best.restore(state.epochsDone());
            if (restored > 0) {
                state.kept(restored);
                test = evaluateTestSet(); // of the parameters kept
                listener.onRestored(restored);
            }
            if (test == null && !outcome.cancelled()) {
                test = evaluateTestSet(); // nothing left to train (a finished run reopened)
            }
            TrainingResult result = resultSoFar(test, outcome.cancelled(), folder == null ? null : folder.dir());
            listener.onEnd(result);
            return result;
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    /** What the loop trains: this experiment's model, data and state, and its evaluations. */
    private TrainingRun trainingRun() {
        return new TrainingRun(model, device, data, train.size(), train.rows(), train.cols(), predictor.modelInput(0f),
                state, spec.train(), spec.dataset().augment(), this::evaluateValidationSet, this::evaluateTestSet,
                cancelRequested::get);
    }

    /** Asks a running {@link #train} to stop at the next batch boundary; the last checkpoint stays. */
    public void cancel() {
        cancelRequested.set(true);
    }

    /**
     * Classifies the whole test set and times it. {@link #cancel()} stops it between batches with
     * a {@link java.util.concurrent.CancellationException}.
     * @return accuracy, loss, confusion matrix and time on the test set
     */
    public Evaluation evaluate() {
        cancelRequested.set(false);
        try {
            return evaluateTestSet();
        } finally {
            NativeHeap.trim();
        }
    }

    /** The evaluation the training loop runs after each epoch; a pending cancel stops it too. */
    Evaluation evaluateTestSet() {
        return evaluator.evaluate(data.testImages(), test.labels(), cancelRequested::get, false);
    }

    /** The validation set's evaluation after an epoch; null when none is held out. */
    Evaluation evaluateValidationSet() {
        return validation == null ? null
                : evaluator.evaluate(data.validationImages(), validation.labels(), cancelRequested::get, true);
    }

    /**
     * Classifies one image given as rows*cols pixels in [0,1] (ink bright on a dark ground, as MNIST).
     * @param pixels rows*cols values, row by row
     * @return the classes' probabilities
     */
    public Prediction predict(float[] pixels) {
        return predictAll(List.of(pixels)).get(0);
    }

    /**
     * Classifies a picture of a digit of any size, prepared as MNIST was (see {@link DigitImages}).
     * @param image the picture
     * @return the classes' probabilities
     * @throws NoDigitException when the picture has no ink
     */
    public Prediction predict(BufferedImage image) {
        return predict(DigitImages.digit(image, train.rows(), train.cols()));
    }

    /**
     * Classifies several images of pixels in [0,1] in one forward pass.
     * @param images each rows*cols values, row by row
     * @return one prediction per image, in order
     */
    public List<Prediction> predictAll(List<float[]> images) {
        return predictor.predictAll(images, train.rows(), train.cols());
    }

    /**
     * What the pictures of the spec's plots section are drawn from.
     * @param result the training's results (its test evaluation for predictions, confusion, mistakes)
     * @return the data, results, augmentation, layers and inspector
     */
    public Plots.Inputs plotInputs(TrainingResult result) {
        return new Plots.Inputs(train, test, result, this::augmented, spec.layers(), inspector);
    }

    /**
     * What the network sees: each layer's output, kernels, saliency and Grad-CAM for one image.
     * @return the inspector of this experiment's model, as trained so far
     */
    public Inspector inspector() {
        return inspector;
    }

    /** @return the spec this experiment was built from */
    public ExperimentSpec spec() {
        return spec;
    }

    /** @return layers, output shapes and parameter counts */
    public ModelSummary summary() {
        return summary;
    }

    /** @return the device the model lives on */
    public Device device() {
        return device;
    }

    /** @return the DJL model, for what this class does not offer */
    public Model model() {
        return model;
    }

    /**
     * The training images as used (after the limit), as pixels in [0,1]: normalisation happens on the way into the model.
     * @return the training images
     */
    public ImageSet trainSet() {
        return train;
    }

    /** @return the test images as pixels in [0,1] */
    public ImageSet testSet() {
        return test;
    }

    /**
     * The images as the spec's {@code augment { }} section distorts them for training (one draw,
     * from the engine's generator; deskewed and brought to the ink width first when the spec
     * asks); the set itself when there is no augmentation.
     * @param set images to distort
     * @return the distorted images
     */
    public ImageSet augmented(ImageSet set) {
        return Augmenter.onePicture(spec.dataset().augment(), set, predictor, data.manager());
    }

    /**
     * The training images held out for validation ({@code validation} in the spec); null when none.
     * @return the validation images, or null
     */
    public ImageSet validationSet() {
        return validation;
    }

    /** @return the epochs trained so far, those of the run folder it was opened from included */
    public int epochsDone() {
        return state.epochsDone();
    }

    /**
     * The run folder this experiment was opened from or last wrote to, or null.
     * @return the run folder, or null
     */
    public Path runDir() {
        return run == null ? null : run.dir();
    }

    /** Continues from a run folder's checkpoint (for {@link Experiments#open}). */
    void resumeFrom(RunFolder folder, RunFolder.Checkpoint checkpoint) throws IOException {
        run = folder;
        state.restore(checkpoint.epochsDone(), checkpoint.updatesDone(), folder.readMetrics());
    }

    // What the run folder writer and ensembles read.
    Predictor predictor() {
        return predictor;
    }

    TrainingState state() {
        return state;
    }

    /**
     * What training has done so far (epochs, history), with {@code test} as its evaluation (null for none).
     * @param test the evaluation to report, or null
     * @return the result so far
     */
    public TrainingResult soFar(Evaluation test) {
        return resultSoFar(test, false, runDir());
    }

    TrainingResult resultSoFar(Evaluation test, boolean cancelled, Path runDir) {
        return new TrainingResult(spec.name(), device.toString(), summary.totalParameters(), state.epochs(),
                state.history(), test, cancelled, runDir, state.keptEpoch());
    }

    @Override
    public void close() {
        data.close();
        model.close();
    }
}
