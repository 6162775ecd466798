package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import mnistlab.engine.spec.AugmentSpec;

/**
 * Distorts a batch of images where it lives (on the GPU when training there) as one batched
 * computation: for every output pixel a source position from a random affine map per image
 * (rotation, shear, scale, shift) plus, optionally, a Gaussian-smoothed random displacement
 * (Simard et al.'s elastic distortion), then bilinear sampling with the background outside the
 * image. DJL offers no grid_sample, so the sampling is four gathers; randomness comes from the
 * engine's generator, which the training's seed seeds.
 */
final class Augmenter {
    private final AugmentSpec spec;
    private final int rows;
    private final int cols;
    private final float background;
    private final NDArray column;
    private final NDArray row;
    private final NDArray gaussian;

    /** {@code background}: the value of an empty pixel as the images hold it (after normalisation). */
    Augmenter(AugmentSpec spec, int rows, int cols, float background, NDManager manager) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.background = background;
        // Each output pixel's position relative to the image's centre, [1, rows, cols].
        this.column = manager.arange(0f, cols).sub((cols - 1) / 2f).reshape(1, 1, cols).repeat(1, rows);
        this.row = manager.arange(0f, rows).sub((rows - 1) / 2f).reshape(1, rows, 1).repeat(2, cols);
        this.gaussian = spec.alpha() > 0 ? gaussian(manager, spec.sigma()) : null;
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
        if (gaussian != null) {
            long b = images.getShape().get(0);
            sourceX = sourceX.add(displacement(scope, b));
            sourceY = sourceY.add(displacement(scope, b));
        }
        return sample(images, sourceX, sourceY);
    }

    /** A smooth random field of displacements in pixels, [B, rows, cols]. */
    private NDArray displacement(NDManager scope, long b) {
        NDArray noise = scope.randomUniform(-1f, 1f, new Shape(b, 1, rows, cols));
        int pad = (int) (gaussian.getShape().get(2) / 2);
        return Conv2d.conv2d(noise, gaussian, null, new Shape(1, 1), new Shape(pad, pad)).singletonOrThrow()
                .mul(spec.alpha()).reshape(b, rows, cols);
    }

    /**
     * Bilinear sampling of {@code images} at positions relative to the centre ([B, rows, cols]);
     * positions outside the image read the background.
     */
    private NDArray sample(NDArray images, NDArray sourceX, NDArray sourceY) {
        long b = images.getShape().get(0);
        NDArray flat = images.reshape(-1).sub(background);
        NDArray x = sourceX.add((cols - 1) / 2f);
        NDArray y = sourceY.add((rows - 1) / 2f);
        NDArray x0 = x.floor();
        NDArray y0 = y.floor();
        NDArray wx = x.sub(x0);
        NDArray wy = y.sub(y0);
        NDArray offsets = images.getManager().arange(0f, (float) b).mul((float) rows * cols).reshape(b, 1, 1);
        NDArray sum = null;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                NDArray xi = x0.add(dx);
                NDArray yi = y0.add(dy);
                NDArray inside = xi.gte(0).logicalAnd(xi.lte(cols - 1)).logicalAnd(yi.gte(0)).logicalAnd(yi.lte(rows - 1))
                        .toType(DataType.FLOAT32, false);
                NDArray index = yi.clip(0, rows - 1).mul(cols).add(xi.clip(0, cols - 1)).add(offsets)
                        .toType(DataType.INT64, false);
                NDArray weight = (dx == 1 ? wx : wx.neg().add(1)).mul(dy == 1 ? wy : wy.neg().add(1)).mul(inside);
                NDArray term = flat.take(index.reshape(-1)).reshape(b, rows, cols).mul(weight);
                sum = sum == null ? term : sum.add(term);
            }
        }
        return sum.add(background).reshape(b, 1, rows, cols);
    }

    /** A normalised Gaussian kernel of radius 2 sigma, [1, 1, K, K]. */
    private static NDArray gaussian(NDManager manager, double sigma) {
        int radius = (int) Math.ceil(2 * sigma);
        int size = 2 * radius + 1;
        float[] k = new float[size * size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double d2 = (i - radius) * (i - radius) + (j - radius) * (j - radius);
                k[i * size + j] = (float) Math.exp(-d2 / (2 * sigma * sigma));
                total += k[i * size + j];
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) total;
        }
        return manager.create(k, new Shape(1, 1, size, size));
    }
}
