package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The pictures a run can draw, by the names scripts use, each with the options it takes. */
public enum PlotKind {
    /** Training or test images with their labels. */
    SAMPLES("samples", true),
    /** Loss and accuracy against images seen, and accuracy per epoch. */
    CURVES("curves", false),
    /** Test images captioned with the model's answer. */
    PREDICTIONS("predictions", true),
    /** The confusion matrix on the test set. */
    CONFUSION("confusion", false),
    /** The most confident mistakes. */
    MISCLASSIFIED("misclassified", true),
    /** Training images as the augment section distorts them. */
    AUGMENTED("augmented", true),
    /** Test images, each beside the first feature maps one layer gave for it. */
    FEATURE_MAPS("featureMaps", false),
    /** A conv layer's kernels. */
    FILTERS("filters", false),
    /** Test images with their predicted class's saliency over them. */
    SALIENCY("saliency", false),
    /** Test images with their predicted class's Grad-CAM over them. */
    GRAD_CAM("gradCam", false);

    private static final Set<String> GRID = Set.of("count", "columns", "padding", "padValue", "scale", "title", "split",
            "dpi", "font");
    private static final Set<String> CHART = Set.of("title", "width", "height", "dpi", "font");
    private static final Set<String> INSPECTION = Set.of("images", "misclassified", "layer", "count", "columns", "scale",
            "title", "dpi", "font");

    private final String dslName;
    private final boolean grid;

    PlotKind(String dslName, boolean grid) {
        this.dslName = dslName;
        this.grid = grid;
    }

    /** @return whether this looks inside the network (feature maps, filters, saliency, Grad-CAM) */
    public boolean isInspection() {
        return ordinal() >= FEATURE_MAPS.ordinal();
    }

    /** @return the keyword scripts use */
    public String dslName() {
        return dslName;
    }

    /** @return whether this is a grid of images (samples, predictions, misclassified) rather than a chart */
    public boolean isGrid() {
        return grid;
    }

    /** @return the option names this kind takes */
    public Set<String> options() {
        return isInspection() ? INSPECTION : grid ? GRID : CHART;
    }

    /**
     * The kind a script names.
     * @param name the keyword
     * @return the kind
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static PlotKind named(String name) {
        for (PlotKind k : values()) {
            if (k.dslName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(Messages.get("spec.unknownPlot", name, Arrays.stream(values()).map(PlotKind::dslName).collect(Collectors.joining(", "))));
    }
}
