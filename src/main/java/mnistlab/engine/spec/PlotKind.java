package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The pictures a run can draw, by the names scripts use, each with the options it takes. */
public enum PlotKind {
    SAMPLES("samples", true), CURVES("curves", false), PREDICTIONS("predictions", true), CONFUSION("confusion", false),
    MISCLASSIFIED("misclassified", true), AUGMENTED("augmented", true);

    private static final Set<String> GRID = Set.of("count", "columns", "padding", "padValue", "scale", "title", "split",
            "dpi", "font");
    private static final Set<String> CHART = Set.of("title", "width", "height", "dpi", "font");

    private final String dslName;
    private final boolean grid;

    PlotKind(String dslName, boolean grid) {
        this.dslName = dslName;
        this.grid = grid;
    }

    public String dslName() {
        return dslName;
    }

    /** A grid of images (samples, predictions, misclassified) rather than a chart. */
    public boolean isGrid() {
        return grid;
    }

    /** The option names this kind takes. */
    public Set<String> options() {
        return grid ? GRID : CHART;
    }

    public static PlotKind named(String name) {
        for (PlotKind k : values()) {
            if (k.dslName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(Messages.get("spec.unknownPlot", name, Arrays.stream(values()).map(PlotKind::dslName).collect(Collectors.joining(", "))));
    }
}
