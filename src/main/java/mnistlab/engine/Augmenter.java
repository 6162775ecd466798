package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import mnistlab.engine.spec.AugmentSpec;

/**
 * Distorts a batch of images where it lives (on the GPU when training there) as one batched
 * computation: for every output pixel a source position from a random affine map per image
 * (rotation, shear, scale, shift) plus, optionally, a Gaussian-smoothed random displacement
 * (Simard et al.'s elastic distortion), then bilinear sampling with the background outside the
 * image. DJL offers no grid_sample, so the sampling is one gather of the four neighbours;
 * randomness comes from the engine's generator, which the training's seed seeds.
 */
final class Augmenter {
    private final AugmentSpec spec;
    private final int rows;
    private final int cols;
    private final float background;
    private final NDArray column;
    private final NDArray row;
    private final NDArray cornerX;
    private final NDArray cornerY;
    private final NDArray blurRows;
    private final NDArray blurColumns;

    /** {@code background}: the value of an empty pixel as the images hold it (after normalisation). */
    Augmenter(AugmentSpec spec, int rows, int cols, float background, NDManager manager) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.background = background;
        // Each output pixel's position relative to the image's centre, [1, rows, cols].
        this.column = manager.arange(0f, cols).sub((cols - 1) / 2f).reshape(1, 1, cols).repeat(1, rows);
        this.row = manager.arange(0f, rows).sub((rows - 1) / 2f).reshape(1, rows, 1).repeat(2, cols);
        this.cornerX = manager.create(new float[] {0, 1, 0, 1}, new Shape(4, 1, 1, 1));
        this.cornerY = manager.create(new float[] {0, 0, 1, 1}, new Shape(4, 1, 1, 1));
        boolean elastic = spec.alpha() > 0;
        this.blurRows = elastic ? blurMatrix(manager, spec.sigma(), rows) : null;
        this.blurColumns = elastic ? blurMatrix(manager, spec.sigma(), cols) : null;
    }

    /** Random distortions of {@code images} ([B, 1, rows, cols]); new arrays live in {@code scope}. */
    NDArray apply(NDArray images, NDManager scope) {
        Shape perImage = new Shape(images.getShape().get(0), 1, 1);
        NDArray theta = scope.randomUniform(-1f, 1f, perImage).mul(Math.toRadians(spec.rotate()));
        NDArray shear = scope.randomUniform(-1f, 1f, perImage).mul(Math.toRadians(spec.shear())).tan();
        NDArray inverseScale = scope.randomUniform((float) spec.scaleMin(), (float) spec.scaleMax(), perImage).pow(-1);
        NDArray cos = theta.cos();
        NDArray sin = theta.sin();
        NDArray[] affine = {cos.mul(inverseScale), cos.mul(shear).sub(sin).mul(inverseScale),
                sin.mul(inverseScale), sin.mul(shear).add(cos).mul(inverseScale),
                scope.randomUniform(-1f, 1f, perImage).mul(spec.shift()),
                scope.randomUniform(-1f, 1f, perImage).mul(spec.shift())};
        return transform(images, affine, scope);
    }

    /**
     * {@code images} moved by the given maps, one per image, each array [B, 1, 1]: the content at
     * p (relative to the centre) goes to M p + shift, as M = {m00, m01; m10, m11} maps the output
     * back; then the elastic field, when the spec asks for one.
     */
    NDArray transform(NDArray images, NDArray[] affine, NDManager scope) {
        NDArray sourceX = affine[0].mul(column).add(affine[1].mul(row)).sub(affine[4]);
        NDArray sourceY = affine[2].mul(column).add(affine[3].mul(row)).sub(affine[5]);
        if (blurRows != null) {
            long b = images.getShape().get(0);
            sourceX = sourceX.add(displacement(scope, b));
            sourceY = sourceY.add(displacement(scope, b));
        }
        return sample(images, sourceX, sourceY);
    }

    /**
     * A smooth random field of displacements in pixels, [B, rows, cols]: uniform noise blurred by
     * the Gaussian down the columns and along the rows, as two matrix products (K N K; far
     * cheaper here than a convolution over one channel).
     */
    private NDArray displacement(NDManager scope, long b) {
        NDArray noise = scope.randomUniform(-1f, 1f, new Shape(b, rows, cols));
        return blurRows.matMul(noise).matMul(blurColumns).mul(spec.alpha());
    }

    /**
     * Bilinear sampling of {@code images} at positions relative to the centre ([B, rows, cols]),
     * the four neighbours gathered at once from the image framed by a border of background, to
     * which every position outside clips.
     */
    private NDArray sample(NDArray images, NDArray sourceX, NDArray sourceY) {
        NDManager scope = sourceX.getManager();
        long b = images.getShape().get(0);
        int framedRows = rows + 2;
        int framedCols = cols + 2;
        NDArray framed = scope.zeros(new Shape(b, framedRows, framedCols));
        framed.set(new NDIndex(":, 1:" + (rows + 1) + ", 1:" + (cols + 1)), images.reshape(b, rows, cols).sub(background));
        NDArray x = sourceX.add((cols - 1) / 2f + 1);
        NDArray y = sourceY.add((rows - 1) / 2f + 1);
        NDArray x0 = x.floor();
        NDArray y0 = y.floor();
        // The four neighbours on a new first axis: (x0, y0), (x0 + 1, y0), (x0, y0 + 1), (x0 + 1, y0 + 1).
        NDArray xs = x0.expandDims(0).add(cornerX).clip(0, framedCols - 1);
        NDArray ys = y0.expandDims(0).add(cornerY).clip(0, framedRows - 1);
        NDArray offsets = scope.arange(0f, (float) b).mul((float) framedRows * framedCols).reshape(1, b, 1, 1);
        NDArray index = ys.mul(framedCols).add(xs).add(offsets).toType(DataType.INT64, false);
        NDArray values = framed.reshape(-1).take(index.reshape(-1)).reshape(4, b, rows, cols);
        // Weights: 1 - wx for the left neighbours, wx for the right ones; the same down.
        NDArray weightX = x.sub(x0).expandDims(0).mul(cornerX.mul(2).sub(1)).add(cornerX.neg().add(1));
        NDArray weightY = y.sub(y0).expandDims(0).mul(cornerY.mul(2).sub(1)).add(cornerY.neg().add(1));
        return values.mul(weightX.mul(weightY)).sum(new int[] {0}).add(background).reshape(b, 1, rows, cols);
    }

    /**
     * The normalised Gaussian of radius 2 sigma as a size x size matrix: multiplying by it blurs
     * as a convolution with zero padding does.
     */
    private static NDArray blurMatrix(NDManager manager, double sigma, int size) {
        int radius = (int) Math.ceil(2 * sigma);
        double total = 0;
        for (int d = -radius; d <= radius; d++) {
            total += Math.exp(-d * d / (2 * sigma * sigma));
        }
        float[] m = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = Math.max(0, i - radius); j <= Math.min(size - 1, i + radius); j++) {
                m[i * size + j] = (float) (Math.exp(-(i - j) * (i - j) / (2 * sigma * sigma)) / total);
            }
        }
        return manager.create(m, new Shape(size, size));
    }
}
