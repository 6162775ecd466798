package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A spec built in Java in the order a script reads, keyword for keyword. It only collects: every
 * value is checked once, by the records it builds ({@link #build()} and each layer as it is added).
 */
public final class ExperimentBuilder {
    private final String name;
    private DatasetSpec dataset;
    private final List<LayerSpec> layers = new ArrayList<>();
    private TrainSpec train = TrainSpec.seedDefaults();
    private final List<PlotSpec> plots = new ArrayList<>();

    ExperimentBuilder(String name) {
        this.name = name;
    }

    /** Square windows of convolutions and pooling: {@code c -> c.kernel(5).padding(2)}. */
    public static final class Window {
        private int kernel;
        private int stride;
        private int padding;

        private Window(int kernel, int stride) {
            this.kernel = kernel;
            this.stride = stride;
        }

        /**
         * The window is {@code size} × {@code size} pixels.
         * @param size the side of the window
         * @return this window
         */
        public Window kernel(int size) {
            kernel = size;
            return this;
        }

        /**
         * The window moves {@code step} pixels at a time.
         * @param step the stride
         * @return this window
         */
        public Window stride(int step) {
            stride = step;
            return this;
        }

        /**
         * Pads the input with {@code pixels} zeros on every side.
         * @param pixels the padding
         * @return this window
         */
        public Window padding(int pixels) {
            padding = pixels;
            return this;
        }
    }

    /**
     * Trains and tests on {@code data}.
     * @param data the data set, e.g. {@code DatasetSpec.of("mnist", root)}
     * @return this builder
     */
    public ExperimentBuilder dataset(DatasetSpec data) {
        dataset = data;
        return this;
    }

    /**
     * MNIST under {@code root} (ROOT/mnist/), fetched when missing.
     * @param root the data root folder
     * @return this builder
     */
    public ExperimentBuilder mnist(Path root) {
        return dataset(DatasetSpec.of("mnist", root));
    }

    /**
     * Fashion-MNIST under {@code root} (ROOT/fashion-mnist/), fetched when missing.
     * @param root the data root folder
     * @return this builder
     */
    public ExperimentBuilder fashionMnist(Path root) {
        return dataset(DatasetSpec.of("fashion-mnist", root));
    }

    /**
     * Trains on the first {@code trainImages} and tests on the first {@code testImages}.
     * @param trainImages training images to use, 0 for all
     * @param testImages test images to use, 0 for all
     * @return this builder
     */
    public ExperimentBuilder limits(int trainImages, int testImages) {
        return dataset(requireDataset().withLimits(trainImages, testImages));
    }

    /**
     * Feeds the model (x - mean) / std, as torchvision's Normalize.
     * @param mean subtracted from every pixel in [0, 1]
     * @param std what the difference is divided by
     * @return this builder
     */
    public ExperimentBuilder normalize(float mean, float std) {
        return dataset(requireDataset().withNormalization(mean, std));
    }

    /**
     * Holds out the last training images to validate each epoch, as Keras's validation_split.
     * @param countOrFraction a number of images, or a fraction below 1
     * @return this builder
     */
    public ExperimentBuilder validation(double countOrFraction) {
        return dataset(requireDataset().withValidation(countOrFraction));
    }

    /**
     * Appends a layer to the model.
     * @param layer the layer
     * @return this builder
     */
    public ExperimentBuilder layer(LayerSpec layer) {
        layers.add(layer);
        return this;
    }

    /**
     * A 2-D convolution; the kernel is required ({@code c -> c.kernel(5)}), stride 1 and padding 0 by default.
     * @param filters output channels
     * @param options sets the window
     * @return this builder
     */
    public ExperimentBuilder conv2d(int filters, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(0, 1));
        return layer(new LayerSpec.Conv2d(filters, w.kernel, w.stride, w.padding));
    }

    /**
     * A fully connected layer (flattening what comes in).
     * @param units outputs per image
     * @return this builder
     */
    public ExperimentBuilder linear(int units) {
        return layer(new LayerSpec.Linear(units));
    }

    /**
     * ReLU.
     * @return this builder
     */
    public ExperimentBuilder relu() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f));
    }

    /**
     * The logistic sigmoid.
     * @return this builder
     */
    public ExperimentBuilder sigmoid() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.SIGMOID, 0f));
    }

    /**
     * The hyperbolic tangent.
     * @return this builder
     */
    public ExperimentBuilder tanh() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.TANH, 0f));
    }

    /**
     * GELU.
     * @return this builder
     */
    public ExperimentBuilder gelu() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.GELU, 0f));
    }

    /**
     * Leaky ReLU.
     * @param slope the slope below zero
     * @return this builder
     */
    public ExperimentBuilder leakyRelu(float slope) {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.LEAKY_RELU, slope));
    }

    /**
     * Max pooling over {@code window}-sized squares, the stride being the window.
     * @param window the side of the square
     * @return this builder
     */
    public ExperimentBuilder maxPool(int window) {
        return maxPool(window, w -> w);
    }

    /**
     * Max pooling with its own stride or padding: {@code maxPool(3, w -> w.stride(2))}.
     * @param window the side of the square
     * @param options changes the window
     * @return this builder
     */
    public ExperimentBuilder maxPool(int window, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(window, window));
        return layer(new LayerSpec.Pool(true, w.kernel, w.stride, w.padding));
    }

    /**
     * Average pooling over {@code window}-sized squares, the stride being the window.
     * @param window the side of the square
     * @return this builder
     */
    public ExperimentBuilder avgPool(int window) {
        return avgPool(window, w -> w);
    }

    /**
     * Average pooling with its own stride or padding.
     * @param window the side of the square
     * @param options changes the window
     * @return this builder
     */
    public ExperimentBuilder avgPool(int window, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(window, window));
        return layer(new LayerSpec.Pool(false, w.kernel, w.stride, w.padding));
    }

    /**
     * Flattens each image's values into one row.
     * @return this builder
     */
    public ExperimentBuilder flatten() {
        return layer(new LayerSpec.Flatten());
    }

    /**
     * Dropout while training.
     * @param rate the share of values zeroed, in [0, 1)
     * @return this builder
     */
    public ExperimentBuilder dropout(float rate) {
        return layer(new LayerSpec.Dropout(rate));
    }

    /**
     * Batch normalisation over the channels.
     * @return this builder
     */
    public ExperimentBuilder batchNorm() {
        return layer(new LayerSpec.BatchNorm());
    }

    /**
     * A parameter-free layer: {@code function} gets the layer's input NDArray and returns an NDArray.
     * @param layerName the layer's name in summaries and run folders
     * @param function from the input NDArray to the output NDArray
     * @return this builder
     */
    public ExperimentBuilder lambda(String layerName, Function<Object, Object> function) {
        return layer(new LayerSpec.Lambda(layerName, function));
    }

    /**
     * Changes the seed script's training settings: {@code t -> t.withEpochs(2).withSeed(7)}.
     * @param changes from the current settings to the new ones
     * @return this builder
     */
    public ExperimentBuilder train(UnaryOperator<TrainSpec> changes) {
        train = changes.apply(train);
        return this;
    }

    /**
     * Adds a picture to draw after training.
     * @param plot the picture
     * @return this builder
     */
    public ExperimentBuilder plot(PlotSpec plot) {
        plots.add(plot);
        return this;
    }

    /**
     * The experiment, every value checked by the records.
     * @return the spec
     * @throws IllegalStateException without a data set
     * @throws IllegalArgumentException naming the first value out of range
     */
    public ExperimentSpec build() {
        return new ExperimentSpec(name, requireDataset(), layers, train, plots);
    }

    private DatasetSpec requireDataset() {
        if (dataset == null) {
            throw new IllegalStateException(Messages.get("spec.noDatasetYet"));
        }
        return dataset;
    }
}
