package mnistlab.engine;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.result.Prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Images to class probabilities, and the one place where pixels in [0,1] become what the model
 * takes (the spec's deskewing, ink width and normalisation): for training and test arrays as for
 * single predictions.
 */
final class Predictor {
    private final Model model;
    private final NDManager manager;
    private final DatasetSpec data;
    private final List<String> classNames;

    /** {@code data}: its deskewing, width, normalisation and class names. */
    Predictor(Model model, NDManager manager, DatasetSpec data) {
        this.model = model;
        this.manager = manager;
        this.data = data;
        this.classNames = ExperimentData.recordedClassNames(data);
    }

    /** One pixel in [0,1] as the model takes it (an empty pixel's value, say). */
    float modelInput(float pixel) {
        return data.normalized() ? (pixel - data.mean()) / data.std() : pixel;
    }

    /**
     * Pixels in [0,1] ([B, 1, rows, cols]) as the model takes them, on their device: reshaped
     * and normalised when the spec asks. Takes {@code pixels} over: the result is the same array
     * or, when reshaped, a new one, and then {@code pixels} is closed.
     */
    NDArray modelInput(NDArray pixels) {
        NDArray reshaped = reshaped(pixels);
        if (reshaped != pixels) {
            pixels.close();
        }
        return data.normalized() ? reshaped.subi(data.mean()).divi(data.std()) : reshaped;
    }

    /**
     * Pixels in [0,1] deskewed, then brought to the ink width, as far as the spec asks (a new
     * array), else {@code pixels} itself.
     */
    NDArray reshaped(NDArray pixels) {
        NDArray upright = data.deskew() ? Deskew.apply(pixels) : pixels;
        if (data.normalizedWidth() == 0) {
            return upright;
        }
        NDArray widened = WidthNormalization.apply(upright, data.normalizedWidth());
        if (upright != pixels) {
            upright.close();
        }
        return widened;
    }

    /** Classifies images of rows x cols pixels in [0,1] in one forward pass. */
    List<Prediction> predictAll(List<float[]> images, int rows, int cols) {
        return predictAll(images, rows, cols, 0);
    }

    /**
     * Classifies images of rows x cols pixels in [0,1], averaging the probabilities of each image
     * and its copies moved by up to {@code shiftRadius} pixels along each axis: (2 r + 1)^2 forward
     * passes, test-time augmentation; 0 is the image alone.
     */
    List<Prediction> predictAll(List<float[]> images, int rows, int cols, int shiftRadius) {
        int size = rows * cols;
        float[] batch = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            float[] img = images.get(i);
            if (img.length != size) {
                throw new IllegalArgumentException("image " + i + " has " + img.length + " pixels; the model takes "
                        + rows + "x" + cols + " = " + size);
            }
            System.arraycopy(img, 0, batch, i * size, size);
        }
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = modelInput(scope.create(batch, new Shape(images.size(), 1, rows, cols)));
            float[] probs = (shiftRadius == 0 ? probabilities(store, x) : meanOverShifts(store, x, shiftRadius))
                    .toFloatArray();
            int classes = classNames.size();
            List<Prediction> out = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                float[] p = Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    best = p[c] > p[best] ? c : best;
                }
                out.add(new Prediction(best, p, classNames));
            }
            return out;
        }
    }

    private NDArray probabilities(ParameterStore store, NDArray x) {
        return model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false).singletonOrThrow().softmax(1);
    }

    /**
     * The mean probabilities of x ([B, 1, rows, cols]) moved by every (dx, dy) up to r, the
     * background filling in; each view's activations are freed before the next (nine at once
     * raised an ensemble's peak memory by 1.7 GiB).
     */
    private NDArray meanOverShifts(ParameterStore store, NDArray x, int r) {
        long rows = x.getShape().get(2);
        long cols = x.getShape().get(3);
        NDArray framed = x.pad(new Shape(r, r, r, r), modelInput(0f));
        NDArray sum = null;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                try (NDManager viewScope = x.getManager().newSubManager()) {
                    NDArray view = framed.get(new NDIndex(":, :, {}:{}, {}:{}", r - dy, r - dy + rows, r - dx, r - dx + cols));
                    view.attach(viewScope);
                    NDArray p = probabilities(store, view);
                    if (sum == null) {
                        sum = p;
                        sum.attach(x.getManager());
                    } else {
                        sum.addi(p);
                    }
                }
            }
        }
        return sum.divi((2 * r + 1) * (2 * r + 1));
    }
}
