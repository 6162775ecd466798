package mnistlab.engine;

import ai.djl.ndarray.NDArray;

/**
 * Deskewing, the classic MNIST preprocessing (LeCun et al.'s "deskewed" rows): each image is
 * sheared so that its strokes stand upright, the shear taken from the image's second moments,
 * and moved so that its centre of mass is the image's centre. Computed where the pixels live.
 */
final class Deskew {
    /** The largest shear (dx per row): a stroke along one row has almost no vertical spread. */
    private static final float MAX_SHEAR = 1f;
    private static final int[] PIXELS = {1, 2};

    private Deskew() {
    }

    /**
     * The images deskewed, in the manager of {@code pixels}.
     * @param pixels [B, 1, rows, cols], in [0, 1] (0 the background)
     * @return a new array of the same shape
     */
    static NDArray apply(NDArray pixels) {
        return ImageWarp.eachImage(pixels, Deskew::affine);
    }

    /** Each output pixel's source: x + shear y + centre-of-mass x, y + centre-of-mass y. */
    private static NDArray[] affine(NDArray image, ImageWarp warp) {
        NDArray mass = image.sum(PIXELS, true).maximum(1e-6f);
        NDArray centreX = mean(image.mul(warp.column()), mass);
        NDArray centreY = mean(image.mul(warp.row()), mass);
        // Every product starts from the chunk's arrays, so that none lands in the warp's manager.
        NDArray varianceY = mean(image.mul(warp.row()).mul(warp.row()), mass).sub(centreY.square());
        NDArray covariance = mean(image.mul(warp.row()).mul(warp.column()), mass).sub(centreX.mul(centreY));
        NDArray shear = covariance.div(varianceY.maximum(1e-6f)).clip(-MAX_SHEAR, MAX_SHEAR);
        NDArray one = shear.onesLike();
        NDArray zero = shear.zerosLike();
        return new NDArray[] {one, shear, zero, one, centreX.neg(), centreY.neg()};
    }

    /** The mass-weighted mean of a quantity over each image's pixels, [n, 1, 1]. */
    private static NDArray mean(NDArray weighted, NDArray mass) {
        return weighted.sum(PIXELS, true).div(mass);
    }
}
