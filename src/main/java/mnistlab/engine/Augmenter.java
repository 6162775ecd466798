package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import mnistlab.data.ImageSet;
import mnistlab.engine.spec.AugmentSpec;

/**
 * Distorts a batch of images where it lives (on the GPU when training there) as one batched
 * computation: for every output pixel a source position from a random affine map per image
 * (rotation, shear, scale, shift) plus, optionally, a Gaussian-smoothed random displacement
 * (Simard et al.'s elastic distortion), then bilinear sampling with the background outside the
 * image ({@link ImageWarp}); randomness comes from the engine's generator, which the training's
 * seed seeds.
 */
final class Augmenter {
    private final AugmentSpec spec;
    private final int rows;
    private final int cols;
    private final ImageWarp warp;
    private final NDArray blurRows;
    private final NDArray blurColumns;

    /** {@code background}: the value of an empty pixel as the images hold it (after normalisation). */
    Augmenter(AugmentSpec spec, int rows, int cols, float background, NDManager manager) {
        this.spec = spec;
        this.rows = rows;
        this.cols = cols;
        this.warp = new ImageWarp(rows, cols, background, manager);
        boolean elastic = spec.alpha() > 0;
        this.blurRows = elastic ? blurMatrix(manager, spec.sigma(), rows) : null;
        this.blurColumns = elastic ? blurMatrix(manager, spec.sigma(), cols) : null;
    }

    /**
     * One draw of the distortions, for a picture: {@code set} reshaped as the spec asks, distorted,
     * and clipped back to pixels in [0,1]; the set itself when the spec distorts nothing.
     */
    static ImageSet onePicture(AugmentSpec spec, ImageSet set, Predictor predictor, NDManager manager) {
        if (!spec.any() || set.size() == 0) {
            return set;
        }
        try (NDManager scope = manager.newSubManager()) {
            Augmenter augmenter = new Augmenter(spec, set.rows(), set.cols(), 0f, scope);
            float[] pixels = augmenter.apply(predictor.reshaped(set.imagesArray(scope)), scope).toFloatArray();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = Math.min(1f, Math.max(0f, pixels[i]));
            }
            return ImageSet.of(pixels, set.labels(), set.rows(), set.cols(), set.classNames());
        }
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
        NDArray[] source = warp.sources(affine);
        NDArray sourceX = source[0];
        NDArray sourceY = source[1];
        if (blurRows != null) {
            long b = images.getShape().get(0);
            sourceX = sourceX.add(displacement(scope, b));
            sourceY = sourceY.add(displacement(scope, b));
        }
        return warp.sample(images, sourceX, sourceY);
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
