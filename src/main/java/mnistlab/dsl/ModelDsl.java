package mnistlab.dsl;

import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code model { ... }}: the layers in order. Each call adds one layer and remembers its script
 * line, so the engine's shape errors can point at it. Plain Groovy (loops, variables, helper
 * methods) may produce the calls.
 */
public class ModelDsl {
    private final Locator locator;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();

    ModelDsl(Locator locator) {
        this.locator = locator;
    }

    private void add(String keyword, Supplier<LayerSpec> layer) {
        layers.add(KeywordError.checked(keyword, layer));
        lines.add(locator.currentLine());
    }

    /**
     * {@code conv2d 32, kernel: 5, stride: 1, padding: 2}: a 2-D convolution.
     * @param options kernel: (required), stride:, padding:
     * @param filters output channels
     */
    public void conv2d(Map<String, Object> options, Object filters) {
        Args.allowOnly("conv2d", options, Set.of("kernel", "stride", "padding"));
        if (!options.containsKey("kernel")) {
            throw new KeywordError("conv2d", Messages.get("dsl.convKernel"));
        }
        int f = Args.toInt("conv2d", "filters", filters);
        int k = Args.toInt("conv2d", "kernel", options.get("kernel"));
        int s = Args.toInt("conv2d", "stride", options.getOrDefault("stride", 1));
        int p = Args.toInt("conv2d", "padding", options.getOrDefault("padding", 0));
        add("conv2d", () -> new LayerSpec.Conv2d(f, k, s, p));
    }

    /**
     * {@code linear 1024}: a fully connected layer.
     * @param units outputs per image
     */
    public void linear(Object units) {
        int u = Args.toInt("linear", "units", units);
        add("linear", () -> new LayerSpec.Linear(u));
    }

    /** {@code relu()}. */
    public void relu() {
        activation(LayerSpec.ActivationKind.RELU, 0f);
    }

    /** {@code sigmoid()}. */
    public void sigmoid() {
        activation(LayerSpec.ActivationKind.SIGMOID, 0f);
    }

    /** {@code tanh()}. */
    public void tanh() {
        activation(LayerSpec.ActivationKind.TANH, 0f);
    }

    /** {@code gelu()}. */
    public void gelu() {
        activation(LayerSpec.ActivationKind.GELU, 0f);
    }

    /** {@code leakyRelu()}: leaky ReLU with slope 0.01 below zero, as PyTorch's default. */
    public void leakyRelu() {
        activation(LayerSpec.ActivationKind.LEAKY_RELU, 0.01f);
    }

    /**
     * {@code leakyRelu 0.2}: leaky ReLU.
     * @param slope the slope below zero
     */
    public void leakyRelu(Object slope) {
        activation(LayerSpec.ActivationKind.LEAKY_RELU, Args.toFloat("leakyRelu", "slope", slope));
    }

    private void activation(LayerSpec.ActivationKind kind, float alpha) {
        add(kind.dslName(), () -> new LayerSpec.Activation(kind, alpha));
    }

    /**
     * {@code maxPool 2}: max pooling, the stride being the window.
     * @param window the window's side
     */
    public void maxPool(Object window) {
        pool("maxPool", true, Collections.emptyMap(), window);
    }

    /**
     * {@code maxPool 3, stride: 2, padding: 1}.
     * @param options stride:, padding:
     * @param window the window's side
     */
    public void maxPool(Map<String, Object> options, Object window) {
        pool("maxPool", true, options, window);
    }

    /**
     * {@code avgPool 2}: average pooling, the stride being the window.
     * @param window the window's side
     */
    public void avgPool(Object window) {
        pool("avgPool", false, Collections.emptyMap(), window);
    }

    /**
     * {@code avgPool 3, stride: 2, padding: 1}.
     * @param options stride:, padding:
     * @param window the window's side
     */
    public void avgPool(Map<String, Object> options, Object window) {
        pool("avgPool", false, options, window);
    }

    private void pool(String keyword, boolean max, Map<String, Object> options, Object window) {
        Args.allowOnly(keyword, options, Set.of("stride", "padding"));
        int k = Args.toInt(keyword, "window", window);
        int s = Args.toInt(keyword, "stride", options.getOrDefault("stride", k));
        int p = Args.toInt(keyword, "padding", options.getOrDefault("padding", 0));
        add(keyword, () -> new LayerSpec.Pool(max, k, s, p));
    }

    /** {@code flatten()}: each image's values in one row. */
    public void flatten() {
        add("flatten", LayerSpec.Flatten::new);
    }

    /**
     * {@code dropout 0.5}: dropout while training.
     * @param rate in [0, 1)
     */
    public void dropout(Object rate) {
        float r = Args.toFloat("dropout", "rate", rate);
        add("dropout", () -> new LayerSpec.Dropout(r));
    }

    /** {@code batchNorm()}: batch normalisation over the channels. */
    public void batchNorm() {
        add("batchNorm", LayerSpec.BatchNorm::new);
    }

    /**
     * {@code lambda('scale') { x -> x.mul(2) }}: a parameter-free layer from a closure over the
     * layer's input NDArray; it returns an NDArray (or an NDList).
     * @param name the layer's name in summaries and run folders
     * @param function from the input NDArray to the output
     */
    public void lambda(Object name,
                       @ClosureParams(value = SimpleType.class, options = "ai.djl.ndarray.NDArray") Closure<?> function) {
        String n = Args.toText("lambda", "name", name);
        add("lambda", () -> new LayerSpec.Lambda(n, function::call));
    }

    List<LayerSpec> layers() {
        return List.copyOf(layers);
    }

    /** The script line of each layer, by index. */
    List<Integer> lines() {
        return List.copyOf(lines);
    }
}
