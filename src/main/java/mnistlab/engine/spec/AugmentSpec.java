package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/**
 * Random distortions of the training images, drawn anew per image and per epoch from the
 * training's seed, as torchvision's RandomAffine and Simard et al.'s elastic distortions:
 * rotation, shift, scale and shear in one affine map, then an elastic displacement field.
 *
 * @param rotate   the largest rotation either way, in degrees (0 for none)
 * @param shift    the largest shift along each axis, in pixels
 * @param scaleMin the smallest scale factor (1 for none)
 * @param scaleMax the largest scale factor
 * @param shear    the largest horizontal shear either way, in degrees
 * @param alpha    the elastic displacement's strength in pixels (0 for none)
 * @param sigma    the elastic field's smoothness: the Gaussian's standard deviation in pixels
 */
public record AugmentSpec(double rotate, double shift, double scaleMin, double scaleMax, double shear,
                          double alpha, double sigma) {

    /** No distortion. */
    public static final AugmentSpec NONE = new AugmentSpec(0, 0, 1, 1, 0, 0, 0);

    /**
     * Checks each value.
     * @param rotate the largest rotation either way, in degrees (0 for none)
     * @param shift the largest shift along each axis, in pixels
     * @param scaleMin the smallest scale factor (1 for none)
     * @param scaleMax the largest scale factor
     * @param shear the largest horizontal shear either way, in degrees
     * @param alpha the elastic displacement's strength in pixels (0 for none)
     * @param sigma the elastic field's smoothness: the Gaussian's standard deviation in pixels
     * @throws IllegalArgumentException naming the first value out of range
     */
    public AugmentSpec {
        if (!(rotate >= 0 && rotate <= 180)) {
            throw new IllegalArgumentException(Messages.get("spec.rotate", rotate));
        }
        if (!(shift >= 0 && shift <= 14)) {
            throw new IllegalArgumentException(Messages.get("spec.shift", shift));
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 4)) {
            throw new IllegalArgumentException(Messages.get("spec.scale", scaleMin, scaleMax));
        }
        if (!(shear >= 0 && shear < 90)) {
            throw new IllegalArgumentException(Messages.get("spec.shear", shear));
        }
        if (!(alpha >= 0 && alpha <= 100) || (alpha > 0 && !(sigma >= 0.5 && sigma <= 10))) {
            throw new IllegalArgumentException(Messages.get("spec.elastic", alpha, sigma));
        }
    }

    /** @return whether any distortion is asked for */
    public boolean any() {
        return rotate > 0 || shift > 0 || scaleMin != 1 || scaleMax != 1 || shear > 0 || alpha > 0;
    }

    /**
     * A copy that rotates by up to {@code degrees} either way.
     * @param degrees 0 to 180
     * @return the new distortions
     */
    public AugmentSpec withRotate(double degrees) {
        return new AugmentSpec(degrees, shift, scaleMin, scaleMax, shear, alpha, sigma);
    }

    /**
     * A copy that shifts by up to {@code pixels} along each axis.
     * @param pixels 0 to 14
     * @return the new distortions
     */
    public AugmentSpec withShift(double pixels) {
        return new AugmentSpec(rotate, pixels, scaleMin, scaleMax, shear, alpha, sigma);
    }

    /**
     * A copy that scales by a factor drawn between the two.
     * @param smallest the smallest factor
     * @param largest the largest factor
     * @return the new distortions
     */
    public AugmentSpec withScale(double smallest, double largest) {
        return new AugmentSpec(rotate, shift, smallest, largest, shear, alpha, sigma);
    }

    /**
     * A copy that shears by up to {@code degrees} either way.
     * @param degrees 0 to below 90
     * @return the new distortions
     */
    public AugmentSpec withShear(double degrees) {
        return new AugmentSpec(rotate, shift, scaleMin, scaleMax, degrees, alpha, sigma);
    }

    /**
     * A copy with elastic distortions (Simard et al.).
     * @param strength alpha, the displacement in pixels
     * @param smoothness sigma of the Gaussian that smooths the field
     * @return the new distortions
     */
    public AugmentSpec withElastic(double strength, double smoothness) {
        return new AugmentSpec(rotate, shift, scaleMin, scaleMax, shear, strength, smoothness);
    }
}
