package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import mnistlab.data.DatasetInfo;
import mnistlab.data.Datasets;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.data.PixelImages;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;

import java.awt.image.BufferedImage;
import java.io.IOException;
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
 *     TrainingResult result = exp.train(Path.of("runs"), listener);
 *     Prediction p = exp.predict(pixels);
 * }
 * }</pre>
 */
public final class Experiment implements AutoCloseable {
    /**
     * Test images per forward pass when evaluating. Measured on 2 cores: 250 beat 100 and 1000
     * (a batch's activations then stay in the L3 cache; larger ones cost more time in page faults).
     */
    static final int EVAL_BATCH = 250;

    private final ExperimentSpec spec;
    private final DatasetInfo dataset;
    private final Device device;
    private final NDManager manager;
    private final Model model;
    private final ImageSet train;
    private final ImageSet test;
    private final NDArray trainImages;
    private final NDArray trainLabels;
    private final NDArray testImages;
    private final ModelSummary summary;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    private RunFolder run;
    private boolean kernelsWarm;
    private int epochsDone;
    private int updatesDone;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final List<HistoryPoint> history = new ArrayList<>();

    private Experiment(ExperimentSpec spec, Model model, ModelSummary summary, MnistData.Splits splits) {
        this.spec = spec;
        this.dataset = Datasets.byName(spec.dataset().name());
        this.model = model;
        this.summary = summary;
        this.device = model.getNDManager().getDevice();
        this.train = prepare(splits.train(), spec.dataset().limit());
        this.test = prepare(splits.test(), spec.dataset().testLimit());
        this.manager = NDManager.newBaseManager(device);
        // Resident on the training device for the whole experiment: batches are gathered there.
        this.trainImages = modelInput(train.imagesArray(manager));
        this.trainLabels = train.labelsArray(manager);
        this.testImages = modelInput(test.imagesArray(manager));
    }

    private static ImageSet prepare(ImageSet set, int limit) {
        return limit > 0 ? set.limit(limit) : set;
    }

    /**
     * The one place where pixels in [0,1] become what the model takes: the spec's normalisation,
     * in place on the device. Images handed out ({@link #trainSet()}, {@link #testSet()}) and
     * taken in ({@link #predict}) are always pixels a person would recognise.
     */
    private NDArray modelInput(NDArray pixels) {
        DatasetSpec data = spec.dataset();
        return data.normalized() ? pixels.subi(data.mean()).divi(data.std()) : pixels;
    }

    /**
     * Checks the layers' shapes, loads the data (fetching it when the spec allows) and builds the
     * model with freshly initialised parameters on the spec's device.
     *
     * @throws ShapeMismatchException before any data is loaded, when a layer cannot take its input
     */
    public static Experiment create(ExperimentSpec spec) throws IOException {
        List<Shape> shapes = checkShapes(spec);
        MnistData.Splits splits = loadData(spec);
        Model model = newModel(spec, Devices.resolve(spec.train().device()));
        try {
            Engine.getInstance().setRandomSeed((int) spec.train().seed());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, inputShape());
            return new Experiment(spec, model, summaryOf(spec, model.getBlock(), shapes), splits);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Opens a run folder: its spec and its last checkpoint, ready to evaluate, predict or train on. */
    public static Experiment open(Path runDir) throws IOException {
        return open(runDir, RunFolder.open(runDir).readSpec());
    }

    /**
     * Opens a run folder with a spec given by the caller (the run's script re-read, say, when its
     * model has lambda layers that spec.json cannot hold). The device may differ from the run's.
     */
    public static Experiment open(Path runDir, ExperimentSpec spec) throws IOException {
        RunFolder folder = RunFolder.open(runDir);
        RunFolder.Checkpoint checkpoint = folder.readCheckpoint();
        if (checkpoint == null) {
            throw new IOException(runDir + " has no checkpoint yet: no epoch finished there");
        }
        List<Shape> shapes = checkShapes(spec);
        MnistData.Splits splits = loadData(spec);
        Model model = newModel(spec, Devices.resolve(spec.train().device()));
        try {
            folder.loadParameters(model, checkpoint);
            Experiment exp = new Experiment(spec, model, summaryOf(spec, model.getBlock(), shapes), splits);
            exp.run = folder;
            exp.epochsDone = checkpoint.epochsDone();
            exp.updatesDone = checkpoint.updatesDone();
            TrainingResult sofar = folder.readMetrics();
            if (sofar != null) {
                sofar.epochs().stream().filter(e -> e.epoch() <= exp.epochsDone).forEach(exp.epochs::add);
                sofar.history().stream().filter(h -> h.epoch() <= exp.epochsDone).forEach(exp.history::add);
            }
            return exp;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The model's summary without loading data or training: shapes are checked and parameters
     * counted on the CPU. This is what a dry run prints.
     */
    public static ModelSummary summarize(ExperimentSpec spec) {
        List<Shape> shapes = checkShapes(spec);
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            SequentialBlock block = Networks.build(spec.layers(), inputShape());
            block.initialize(scratch, DataType.FLOAT32, inputShape());
            return summaryOf(spec, block, shapes);
        }
    }

    private static List<Shape> checkShapes(ExperimentSpec spec) {
        int classes = Datasets.byName(spec.dataset().name()).classCount();
        return Networks.inferShapes(spec.layers(), inputShape(), classes);
    }

    /** The summary of an initialised (or loaded) block: each layer's shape and parameter counts. */
    private static ModelSummary summaryOf(ExperimentSpec spec, Block block, List<Shape> shapes) {
        List<ModelSummary.Row> rows = new ArrayList<>();
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            long params = 0;
            long trainable = 0;
            for (Pair<String, Parameter> p : children.get(i).getParameters()) {
                long size = p.getValue().getArray().size();
                params += size;
                trainable += p.getValue().requiresGradient() ? size : 0;
            }
            LayerSpec layer = spec.layers().get(i);
            rows.add(new ModelSummary.Row(i, layer.kind(), Networks.describe(shapes.get(i)), params, trainable));
        }
        return new ModelSummary(Networks.describe(inputShape()), rows);
    }

    private static Shape inputShape() {
        return new Shape(1, 1, Datasets.IMAGE_ROWS, Datasets.IMAGE_COLS);
    }

    private static MnistData.Splits loadData(ExperimentSpec spec) throws IOException {
        return MnistData.load(Datasets.byName(spec.dataset().name()), spec.dataset().root(), spec.dataset().download());
    }

    private static Model newModel(ExperimentSpec spec, Device device) {
        Model model = Model.newInstance(spec.name(), device);
        model.setBlock(Networks.build(spec.layers(), inputShape()));
        return model;
    }

    /**
     * Trains into a new run folder under {@code runsRoot}, or, for an experiment opened from a
     * run folder, continues there from its last checkpoint up to the spec's epoch count.
     */
    public TrainingResult train(Path runsRoot, TrainingListener listener) throws IOException {
        if (run == null) {
            run = RunFolder.create(runsRoot, spec.name());
            run.writeSpec(spec);
        }
        return train(run, listener);
    }

    /** Trains up to the spec's epoch count without writing anything to disk. */
    public TrainingResult trainInMemory(TrainingListener listener) throws IOException {
        return train((RunFolder) null, listener, spec.train().epochs());
    }

    /** Trains {@code epochs} more epochs in memory (the REPL's {@code :train N}). */
    public TrainingResult trainMore(int epochs, TrainingListener listener) throws IOException {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, not " + epochs);
        }
        return train(run, listener, epochsDone + epochs);
    }

    /**
     * Writes what this experiment has so far into a new run folder under {@code runsRoot}: spec,
     * parameters, metrics. Later training checkpoints there too.
     */
    public Path saveTo(Path runsRoot) throws IOException {
        RunFolder folder = RunFolder.create(runsRoot, spec.name());
        folder.writeSpec(spec);
        folder.writeCheckpoint(model, epochsDone, updatesDone);
        folder.writeMetrics(new TrainingResult(spec.name(), device.toString(), summary.totalParameters(), epochs, history,
                epochsDone == 0 ? null : evaluate(), false, folder.dir()), spec);
        run = folder;
        return folder.dir();
    }

    private TrainingResult train(RunFolder folder, TrainingListener listener) throws IOException {
        return train(folder, listener, spec.train().epochs());
    }

    private TrainingResult train(RunFolder folder, TrainingListener listener, int lastEpoch) throws IOException {
        cancelRequested.set(false);
        TrainingLoop loop = new TrainingLoop(this, folder, listener, lastEpoch);
        TrainingResult result = loop.run();
        if (folder != null) {
            folder.writeMetrics(result, spec);
        }
        listener.onEnd(result);
        return result;
    }

    /** Asks a running {@link #train} to stop at the next batch boundary; the last checkpoint stays. */
    public void cancel() {
        cancelRequested.set(true);
    }

    boolean cancelRequested() {
        return cancelRequested.get();
    }

    /**
     * Classifies the whole test set and times it. {@link #cancel()} stops it between batches with
     * a {@link java.util.concurrent.CancellationException}.
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
        return evaluate(testImages, test.labels());
    }

    Evaluation evaluate(NDArray images, int[] labels) {
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        if (!kernelsWarm) {
            // libtorch prepares its kernels on the first forward pass of each shape; the seed's
            // timing is of recognition, so that one-off cost is paid before the clock starts.
            try (NDManager warmup = manager.newSubManager()) {
                NDArray x = images.get(warmup, new NDIndex("0:" + Math.min(EVAL_BATCH, images.getShape().get(0))));
                model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false);
            }
            kernelsWarm = true;
        }
        long start = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            NDList predicted = new NDList();
            NDList confidence = new NDList();
            long n = images.getShape().get(0);
            for (long from = 0; from < n; from += EVAL_BATCH) {
                if (cancelRequested.get()) {
                    throw new java.util.concurrent.CancellationException("evaluation interrupted");
                }
                // Each batch's activations are freed before the next batch; only its answers stay.
                try (NDManager batch = scope.newSubManager()) {
                    NDArray x = images.get(batch, new NDIndex(from + ":" + Math.min(n, from + EVAL_BATCH)));
                    NDArray logits = model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false)
                            .singletonOrThrow();
                    NDArray best = logits.argMax(1);
                    NDArray probability = logits.softmax(1).max(new int[] {1});
                    best.attach(scope);
                    probability.attach(scope);
                    predicted.add(best);
                    confidence.add(probability);
                }
            }
            // One transfer to the host for the whole set, after every batch is queued.
            int[] predictions = NDArrays.concat(predicted).toType(DataType.INT32, false).toIntArray();
            float[] confidences = NDArrays.concat(confidence).toFloatArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return Evaluation.of(labels, predictions, confidences, dataset.classCount(), seconds);
        }
    }

    /** Classifies one image given as rows*cols pixels in [0,1] (ink bright on a dark ground, as MNIST). */
    public Prediction predict(float[] pixels) {
        return predictAll(List.of(pixels)).get(0);
    }

    /** Classifies a picture: scaled to 28x28 grey, inverted when its ground is light. */
    public Prediction predict(BufferedImage image) {
        return predict(PixelImages.toPixels(image, train.rows(), train.cols()));
    }

    /** Classifies several images in one forward pass. */
    public List<Prediction> predictAll(List<float[]> images) {
        int size = train.rows() * train.cols();
        float[] batch = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            float[] img = images.get(i);
            if (img.length != size) {
                throw new IllegalArgumentException("image " + i + " has " + img.length + " pixels; the model takes "
                        + train.rows() + "x" + train.cols() + " = " + size);
            }
            System.arraycopy(img, 0, batch, i * size, size);
        }
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = modelInput(scope.create(batch, new Shape(images.size(), 1, train.rows(), train.cols())));
            float[] probs = model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false)
                    .singletonOrThrow().softmax(1).toFloatArray();
            int classes = dataset.classCount();
            List<Prediction> out = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                float[] p = java.util.Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    best = p[c] > p[best] ? c : best;
                }
                out.add(new Prediction(best, p, dataset.classNames()));
            }
            return out;
        }
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public ModelSummary summary() {
        return summary;
    }

    public Device device() {
        return device;
    }

    public Model model() {
        return model;
    }

    /** The training images as used (after the limit), as pixels in [0,1]: normalisation happens on the way into the model. */
    public ImageSet trainSet() {
        return train;
    }

    public ImageSet testSet() {
        return test;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** The run folder checkpoints go to, or null before the first {@link #train(Path, TrainingListener)}. */
    public Path runDir() {
        return run == null ? null : run.dir();
    }

    // State the training loop reads and advances.
    NDArray trainImages() {
        return trainImages;
    }

    NDArray trainLabels() {
        return trainLabels;
    }

    NDManager dataManager() {
        return manager;
    }

    int updatesDone() {
        return updatesDone;
    }

    List<EpochMetrics> epochList() {
        return epochs;
    }

    List<HistoryPoint> historyList() {
        return history;
    }

    void epochFinished(int updates) {
        epochsDone++;
        updatesDone = updates;
    }

    @Override
    public void close() {
        manager.close();
        model.close();
    }
}
