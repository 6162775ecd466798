package mnistlab.engine;

import ai.djl.ndarray.NDArray;

/**
 * Width normalisation, the preprocessing of Ciresan et al.'s MNIST committees (2012): each
 * image is stretched or squeezed sideways so that the columns holding ink span a given number of
 * pixels, that span centred in the image; the height stays. Computed where the pixels live.
 */
final class WidthNormalization {
    /** A column holds ink when a pixel reaches this: faint anti-aliasing does not widen a digit. */
    private static final float INK = 0.1f;
    private static final int[] ROWS = {1};
    private static final int[] COLUMNS = {2};

    private WidthNormalization() {
    }

    /**
     * The images with their ink {@code width} columns wide, in the manager of {@code pixels};
     * an empty image stays as it is.
     * @param pixels [B, 1, rows, cols], in [0, 1] (0 the background)
     * @param width  the span of the ink after, in pixels
     * @return a new array of the same shape
     */
    static NDArray apply(NDArray pixels, int width) {
        return ImageWarp.eachImage(pixels, (image, warp) -> affine(image, warp, width));
    }

    /** Each output pixel's source: the ink's centre + x times the ink's span over {@code width}. */
    private static NDArray[] affine(NDArray image, ImageWarp warp, int width) {
        // Each inked pixel's x from the centre; the others pushed past either edge, so that the
        // row-and-column minimum and maximum are the ink's first and last columns.
        NDArray inked = image.gte(INK).toType(image.getDataType(), false);
        NDArray x = inked.mul(warp.column());
        NDArray outside = inked.neg().add(1).mul(image.getShape().get(2));
        // PyTorch's min and max take one axis at a time: columns, then rows.
        NDArray left = x.add(outside).min(COLUMNS, true).min(ROWS, true);
        NDArray right = x.sub(outside).max(COLUMNS, true).max(ROWS, true);
        NDArray hasInk = inked.max(COLUMNS, true).max(ROWS, true);
        NDArray blank = hasInk.neg().add(1);
        // An empty image gets span and width 1 and centre 0, so it stays as it is.
        NDArray span = right.sub(left).add(1).mul(hasInk).add(blank);
        NDArray scale = span.div(hasInk.mul(width - 1).add(1));
        NDArray centre = right.add(left).div(2).mul(hasInk);
        NDArray one = scale.onesLike();
        NDArray zero = scale.zerosLike();
        return new NDArray[] {scale, zero, zero, one, centre.neg(), zero};
    }
}
