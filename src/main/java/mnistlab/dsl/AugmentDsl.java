package mnistlab.dsl;

import mnistlab.engine.spec.AugmentSpec;
import mnistlab.i18n.Messages;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code augment { rotate 10; shift 2; scale 0.9, 1.1; shear 5; elastic alpha: 34, sigma: 4 }}:
 * random distortions of the training images, drawn per image and per epoch from the seed.
 */
public class AugmentDsl {
    private AugmentSpec spec = AugmentSpec.NONE;

    private void change(String keyword, Supplier<AugmentSpec> changed) {
        spec = KeywordError.checked(keyword, changed);
    }

    /**
     * Rotate by up to this many degrees either way.
     * @param degrees 0 to 180
     */
    public void rotate(Object degrees) {
        double d = Args.toDouble("rotate", "degrees", degrees);
        change("rotate", () -> spec.withRotate(d));
    }

    /**
     * Shift by up to this many pixels along each axis.
     * @param pixels 0 to 14
     */
    public void shift(Object pixels) {
        double p = Args.toDouble("shift", "pixels", pixels);
        change("shift", () -> spec.withShift(p));
    }

    /**
     * Scale by a factor between the smallest and the largest.
     * @param smallest the smallest factor
     * @param largest the largest factor
     */
    public void scale(Object smallest, Object largest) {
        double low = Args.toDouble("scale", "smallest factor", smallest);
        double high = Args.toDouble("scale", "largest factor", largest);
        change("scale", () -> spec.withScale(low, high));
    }

    /**
     * Shear horizontally by up to this many degrees either way.
     * @param degrees 0 to below 90
     */
    public void shear(Object degrees) {
        double d = Args.toDouble("shear", "degrees", degrees);
        change("shear", () -> spec.withShear(d));
    }

    /**
     * {@code elastic alpha: 34, sigma: 4}: Simard et al.'s elastic distortion (strength and smoothness in pixels).
     * @param options alpha: (pixels) and sigma: (the smoothing Gaussian's, in pixels)
     */
    public void elastic(Map<String, Object> options) {
        Args.allowOnly("elastic", options, Set.of("alpha", "sigma"));
        if (!options.containsKey("alpha") || !options.containsKey("sigma")) {
            throw new KeywordError("elastic", Messages.get("dsl.elastic"));
        }
        double alpha = Args.toDouble("elastic", "alpha", options.get("alpha"));
        double sigma = Args.toDouble("elastic", "sigma", options.get("sigma"));
        change("elastic", () -> spec.withElastic(alpha, sigma));
    }

    AugmentSpec build() {
        return spec;
    }
}
