package mnistlab.engine;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import mnistlab.data.DigitImages;
import mnistlab.data.ImageSet;
import mnistlab.data.NoDigitException;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerRoles;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Explainer;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the network saw in one image, as {@link Experiment#inspector()} gives it: each layer's
 * output, a convolution's kernels, saliency and Grad-CAM. Images are rows*cols pixels in [0,1]
 * as {@link Experiment#predict(float[])} takes them, prepared (deskewed, widened, normalised)
 * as the spec asks. The layers run one at a time in the spec's order (the built model runs a
 * ReLU after the max pooling that follows it; the values are the same, but the spec's order is
 * what a learner wrote). Every array lives in a scope closed before the method returns.
 */
public final class Inspector implements Explainer {
    private final Model model;
    private final NDManager manager;
    private final Predictor predictor;
    private final DatasetSpec data;
    private final List<LayerSpec> layers;
    private final ImageSet test;
    private final Block[] blocks;
    private final int rows;
    private final int cols;
    private final int classes;

    Inspector(Model model, NDManager manager, Predictor predictor, ExperimentSpec spec, ImageSet test) {
        this.model = model;
        this.manager = manager;
        this.predictor = predictor;
        this.data = spec.dataset();
        this.layers = spec.layers();
        this.test = test;
        this.rows = test.rows();
        this.cols = test.cols();
        this.classes = data.classes().size();
        int[] positions = Networks.runPositions(layers);
        this.blocks = new Block[layers.size()];
        for (int position = 0; position < positions.length; position++) {
            blocks[positions[position]] = model.getBlock().getChildren().valueAt(position);
        }
    }

    /**
     * Every layer's output for one image, in the spec's order, Lambda layers included.
     * @param pixels rows*cols values in [0,1]
     * @return one output per layer
     * @throws IllegalArgumentException when the pixels are not rows*cols
     */
    @Override
    public List<LayerOutput> activations(float[] pixels) {
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        try (NDManager scope = manager.newSubManager()) {
            NDList current = new NDList(predictor.modelInput(image(scope, pixels)));
            List<LayerOutput> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                current = blocks[i].forward(store, current, false);
                NDArray a = current.singletonOrThrow();
                long[] shape = Arrays.copyOfRange(a.getShape().getShape(), 1, a.getShape().dimension());
                out.add(new LayerOutput(i, layers.get(i).kind(), shape, a.toFloatArray()));
            }
            return out;
        }
    }

    /**
     * A conv layer's kernels, [filters, channels, kernel, kernel].
     * @param layer the layer's index in the spec
     * @return the kernels
     * @throws IllegalArgumentException naming the conv layers, when {@code layer} is not one
     */
    @Override
    public LayerOutput filters(int layer) {
        requireConv(layer);
        Parameter weight = blocks[layer].getParameters().get("weight");
        NDArray w = weight.getArray();
        return new LayerOutput(layer, layers.get(layer).kind(), w.getShape().getShape(), w.toFloatArray());
    }

    /**
     * The predicted class's saliency (Simonyan et al.): its score's (logit's) gradient with
     * respect to each pixel of the image as prepared (deskewed, widened), before normalisation.
     * @param pixels rows*cols values in [0,1]
     * @return the gradient, rows*cols
     */
    @Override
    public Heatmap saliency(float[] pixels) {
        return saliency(pixels, null);
    }

    /**
     * One class's saliency, as {@link #saliency(float[])}.
     * @param pixels rows*cols values in [0,1]
     * @param targetClass the class explained
     * @return the gradient, rows*cols
     * @throws IllegalArgumentException when there is no such class
     */
    public Heatmap saliency(float[] pixels, int targetClass) {
        return saliency(pixels, Integer.valueOf(targetClass));
    }

    private Heatmap saliency(float[] pixels, Integer targetClass) {
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray prepared = predictor.reshaped(image(scope, pixels));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                prepared.setRequiresGradient(true);
                NDArray input = data.normalized() ? prepared.sub(data.mean()).div(data.std()) : prepared;
                NDArray logits = forward(store, new NDList(input), 0).singletonOrThrow();
                int target = target(logits, targetClass);
                collector.backward(logits.get(0, target));
                return new Heatmap(rows, cols, prepared.getGradient().toFloatArray(), target, -1);
            }
        }
    }

    /**
     * Grad-CAM (Selvaraju et al.) of the predicted class at {@link #defaultGradCamLayer()}: the
     * layer's maps weighted by the mean gradient of the class score over each map, summed, ReLU,
     * then bilinearly upsampled to the image's size.
     * @param pixels rows*cols values in [0,1]
     * @return the map, rows*cols, 0 or more
     * @throws IllegalArgumentException when the model has no conv layer
     */
    public Heatmap gradCam(float[] pixels) {
        return gradCam(pixels, null, null);
    }

    /**
     * Grad-CAM of one class at one layer, as {@link #gradCam(float[])}.
     * @param pixels rows*cols values in [0,1]
     * @param targetClass the class explained
     * @param layer the index in the spec of a layer with feature maps (before the flatten)
     * @return the map, rows*cols, 0 or more
     * @throws IllegalArgumentException naming the layers with maps or the classes, when either is wrong
     */
    @Override
    public Heatmap gradCam(float[] pixels, int targetClass, int layer) {
        return gradCam(pixels, Integer.valueOf(targetClass), Integer.valueOf(layer));
    }

    @Override
    public Heatmap gradCamAt(float[] pixels, int layer) {
        return gradCam(pixels, null, Integer.valueOf(layer));
    }

    /**
     * A test image's pixels, for the methods above.
     * @param index from 0
     * @return rows*cols values in [0,1]
     * @throws IllegalArgumentException with the nearest index, when there is no such image
     */
    public float[] testImage(int index) {
        if (index < 0 || index >= test.size()) {
            throw new IllegalArgumentException(Messages.get("inspect.badTestIndex", index, test.size(), test.size() - 1,
                    Math.max(0, Math.min(test.size() - 1, index))));
        }
        return test.image(index);
    }

    /**
     * A picture of a digit prepared as {@link Experiment#predict(BufferedImage)} and bin/mnist-predict prepare it.
     * @param picture any size, dark on light or light on dark
     * @return rows*cols values in [0,1]
     * @throws NoDigitException when the picture has no ink
     */
    public float[] pixelsOf(BufferedImage picture) {
        return DigitImages.digit(picture, rows, cols);
    }

    /**
     * Where Grad-CAM looks unless told: the last conv layer's rectified maps (the activation right
     * after it), or the conv layer itself when none follows.
     * @return the layer's index in the spec
     * @throws IllegalArgumentException when the model has no conv layer
     */
    public int defaultGradCamLayer() {
        int layer = LayerRoles.gradCamDefault(layers);
        if (layer < 0) {
            throw new IllegalArgumentException(Messages.get("inspect.noConv"));
        }
        return layer;
    }

    private Heatmap gradCam(float[] pixels, Integer targetClass, Integer layer) {
        int conv = layer == null ? defaultGradCamLayer() : layer;
        requireMaps(conv);
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        try (NDManager scope = manager.newSubManager()) {
            NDList current = new NDList(predictor.modelInput(image(scope, pixels)));
            for (int i = 0; i <= conv; i++) {
                current = blocks[i].forward(store, current, false);
            }
            NDArray maps = current.singletonOrThrow().duplicate(); // a leaf the gradient stops at
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                maps.setRequiresGradient(true);
                NDArray logits = forward(store, new NDList(maps), conv + 1).singletonOrThrow();
                int target = target(logits, targetClass);
                collector.backward(logits.get(0, target));
                NDArray weights = maps.getGradient().mean(new int[] {3}, true).mean(new int[] {2}, true); // PyTorch's mean: one axis at a time
                NDArray cam = maps.mul(weights).sum(new int[] {1}).maximum(0f); // [1, h, w]
                NDArray upsampled = NDImageUtils.resize(cam.transpose(1, 2, 0), cols, rows, Image.Interpolation.BILINEAR);
                return new Heatmap(rows, cols, upsampled.toFloatArray(), target, conv);
            }
        }
    }

    private NDList forward(ParameterStore store, NDList input, int from) {
        NDList current = input;
        for (int i = from; i < layers.size(); i++) {
            current = blocks[i].forward(store, current, false);
        }
        return current;
    }

    private NDArray image(NDManager scope, float[] pixels) {
        if (pixels.length != rows * cols) {
            throw new IllegalArgumentException(Messages.get("inspect.badPixels", pixels.length, rows, cols, rows * cols));
        }
        return scope.create(pixels, new Shape(1, 1, rows, cols));
    }

    private int target(NDArray logits, Integer targetClass) {
        if (targetClass == null) {
            return (int) logits.argMax(1).getLong(0);
        }
        if (targetClass < 0 || targetClass >= classes) {
            throw new IllegalArgumentException(Messages.get("inspect.badClass", targetClass, classes - 1,
                    Math.max(0, Math.min(classes - 1, targetClass))));
        }
        return targetClass;
    }

    /** A layer Grad-CAM can look at: one before the flatten, in a model with a conv layer. */
    private void requireMaps(int layer) {
        if (LayerRoles.convLayers(layers).isEmpty()) {
            throw new IllegalArgumentException(Messages.get("inspect.noConv"));
        }
        int maps = LayerRoles.mapLayers(layers);
        int nearest = Math.max(0, Math.min(maps - 1, layer));
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException(Messages.get("inspect.noMapLayer", layer, layers.size() - 1, nearest, maps - 1));
        }
        if (layer >= maps) {
            throw new IllegalArgumentException(Messages.get("inspect.noMaps", layer, layers.get(layer).kind(), nearest, maps - 1));
        }
    }

    private void requireConv(int layer) {
        List<Integer> convs = LayerRoles.convLayers(layers);
        if (convs.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("inspect.noConv"));
        }
        int nearest = convs.stream().min((a, b) -> Integer.compare(Math.abs(a - layer), Math.abs(b - layer))).orElseThrow();
        String all = convs.stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException(Messages.get("inspect.noLayer", layer, layers.size() - 1, nearest, all));
        }
        if (!convs.contains(layer)) {
            throw new IllegalArgumentException(Messages.get("inspect.notConv", layer, layers.get(layer).kind(), nearest, all));
        }
    }
}
