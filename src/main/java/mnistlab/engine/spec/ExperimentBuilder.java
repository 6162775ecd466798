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

        public Window kernel(int size) {
            kernel = size;
            return this;
        }

        public Window stride(int step) {
            stride = step;
            return this;
        }

        public Window padding(int pixels) {
            padding = pixels;
            return this;
        }
    }

    public ExperimentBuilder dataset(DatasetSpec data) {
        dataset = data;
        return this;
    }

    /** MNIST under {@code root} (ROOT/mnist/), fetched when missing. */
    public ExperimentBuilder mnist(Path root) {
        return dataset(DatasetSpec.of("mnist", root));
    }

    /** Fashion-MNIST under {@code root} (ROOT/fashion-mnist/), fetched when missing. */
    public ExperimentBuilder fashionMnist(Path root) {
        return dataset(DatasetSpec.of("fashion-mnist", root));
    }

    /** Train on the first {@code trainImages} and test on the first {@code testImages} (0 for all). */
    public ExperimentBuilder limits(int trainImages, int testImages) {
        return dataset(requireDataset().withLimits(trainImages, testImages));
    }

    /** (x - mean) / std, as torchvision's Normalize. */
    public ExperimentBuilder normalize(float mean, float std) {
        return dataset(requireDataset().withNormalization(mean, std));
    }

    /** Holds out training images to validate each epoch: a count, or a fraction below 1. */
    public ExperimentBuilder validation(double countOrFraction) {
        return dataset(requireDataset().withValidation(countOrFraction));
    }

    public ExperimentBuilder layer(LayerSpec layer) {
        layers.add(layer);
        return this;
    }

    /** A 2-D convolution; the kernel is required ({@code c -> c.kernel(5)}), stride 1 and padding 0 by default. */
    public ExperimentBuilder conv2d(int filters, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(0, 1));
        return layer(new LayerSpec.Conv2d(filters, w.kernel, w.stride, w.padding));
    }

    public ExperimentBuilder linear(int units) {
        return layer(new LayerSpec.Linear(units));
    }

    public ExperimentBuilder relu() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f));
    }

    public ExperimentBuilder sigmoid() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.SIGMOID, 0f));
    }

    public ExperimentBuilder tanh() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.TANH, 0f));
    }

    public ExperimentBuilder gelu() {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.GELU, 0f));
    }

    public ExperimentBuilder leakyRelu(float slope) {
        return layer(new LayerSpec.Activation(LayerSpec.ActivationKind.LEAKY_RELU, slope));
    }

    /** Max pooling over {@code window}-sized squares, the stride being the window. */
    public ExperimentBuilder maxPool(int window) {
        return maxPool(window, w -> w);
    }

    public ExperimentBuilder maxPool(int window, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(window, window));
        return layer(new LayerSpec.Pool(true, w.kernel, w.stride, w.padding));
    }

    public ExperimentBuilder avgPool(int window) {
        return avgPool(window, w -> w);
    }

    public ExperimentBuilder avgPool(int window, UnaryOperator<Window> options) {
        Window w = options.apply(new Window(window, window));
        return layer(new LayerSpec.Pool(false, w.kernel, w.stride, w.padding));
    }

    public ExperimentBuilder flatten() {
        return layer(new LayerSpec.Flatten());
    }

    public ExperimentBuilder dropout(float rate) {
        return layer(new LayerSpec.Dropout(rate));
    }

    public ExperimentBuilder batchNorm() {
        return layer(new LayerSpec.BatchNorm());
    }

    /** A parameter-free layer: {@code function} gets the layer's input NDArray and returns an NDArray. */
    public ExperimentBuilder lambda(String layerName, Function<Object, Object> function) {
        return layer(new LayerSpec.Lambda(layerName, function));
    }

    /** Changes the seed script's training settings: {@code t -> t.withEpochs(2).withSeed(7)}. */
    public ExperimentBuilder train(UnaryOperator<TrainSpec> changes) {
        train = changes.apply(train);
        return this;
    }

    public ExperimentBuilder plot(PlotSpec plot) {
        plots.add(plot);
        return this;
    }

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
