package mnistlab.engine;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import mnistlab.data.Datasets;
import mnistlab.data.DigitImages;
import mnistlab.data.NoDigitException;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Prediction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run folder's trained model, for classifying pictures and pixels without loading any data set
 * (bin/mnist-predict, embedding applications). Pictures are prepared as MNIST was made
 * ({@link DigitImages}), then normalised as the run was trained: the same steps as
 * {@link Experiment#predict(BufferedImage)}.
 */
public final class Classifier implements AutoCloseable {
    private final ExperimentSpec spec;
    private final Model model;
    private final NDManager manager;
    private final Predictor predictor;

    private Classifier(ExperimentSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
        this.manager = NDManager.newBaseManager(model.getNDManager().getDevice());
        this.predictor = new Predictor(model, manager, spec.dataset());
    }

    /**
     * The run's spec and its last checkpoint; an IOException names what is missing or broken.
     * @param runDir a run folder with at least one finished epoch
     * @return the classifier; close it to free the model's native memory
     * @throws IOException naming what is missing or broken
     */
    public static Classifier open(Path runDir) throws IOException {
        RunFolder folder = RunFolder.open(runDir);
        ExperimentSpec spec = folder.readSpec();
        RunFolder.Checkpoint checkpoint = folder.readCheckpoint();
        if (checkpoint == null) {
            throw new IOException(Messages.get("run.noCheckpoint", runDir));
        }
        Models.checkShapes(spec); // a run folder may come from anyone: its model is checked before it is built
        Model model = Models.newModel(spec, Devices.resolve(spec.train().device()));
        try {
            folder.loadParameters(model, checkpoint);
            return new Classifier(spec, model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** @return the run's spec */
    public ExperimentSpec spec() {
        return spec;
    }

    /**
     * The run's model with its trained parameters, for exporting them; it closes with the classifier.
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * What the model sees of a picture: rows x cols pixels in [0,1], before the run's normalisation.
     * @param picture a picture of a digit, any size
     * @return rows x cols pixels
     * @throws NoDigitException when the picture has no ink
     */
    public float[] input(BufferedImage picture) {
        return DigitImages.digit(picture, Datasets.IMAGE_ROWS, Datasets.IMAGE_COLS);
    }

    /**
     * Classifies a picture of a digit of any size, prepared as MNIST was made.
     * @param picture the picture
     * @return the classes' probabilities
     * @throws NoDigitException when the picture has no ink
     */
    public Prediction predict(BufferedImage picture) {
        return predict(input(picture));
    }

    /**
     * Classifies rows x cols pixels in [0,1], ink bright on a dark ground.
     * @param pixels rows x cols values, row by row
     * @return the classes' probabilities
     */
    public Prediction predict(float[] pixels) {
        return predictAll(List.of(pixels)).get(0);
    }

    /**
     * Classifies several images in one forward pass (a server batches its concurrent requests so).
     * @param images each rows x cols values, row by row
     * @return one prediction per image, in order
     */
    public List<Prediction> predictAll(List<float[]> images) {
        return predictor.predictAll(images, Datasets.IMAGE_ROWS, Datasets.IMAGE_COLS);
    }

    @Override
    public void close() {
        manager.close();
        model.close();
    }
}
