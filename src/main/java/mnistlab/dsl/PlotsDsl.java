package mnistlab.dsl;

import mnistlab.engine.spec.PlotSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code plots { ... }}: the pictures to render into the run folder, each with its file and options. */
public class PlotsDsl {
    private static final Set<String> GRID = Set.of("count", "columns", "padding", "padValue", "scale", "title", "split", "dpi");
    private static final Set<String> CHART = Set.of("title", "width", "height", "dpi");

    private final List<PlotSpec> plots = new ArrayList<>();
    private String fontValue;

    /** {@code samples 'train-samples.png', count: 100, columns: 10, title: '...'}: a grid of dataset images. */
    public void samples(Map<String, Object> options, Object file) {
        add("samples", options, file, GRID);
    }

    public void samples(Object file) {
        samples(Map.of(), file);
    }

    /** Loss and accuracy against samples seen, and per-epoch accuracies. */
    public void curves(Map<String, Object> options, Object file) {
        add("curves", options, file, CHART);
    }

    public void curves(Object file) {
        curves(Map.of(), file);
    }

    /** Test images captioned with the predicted label; wrong ones marked. */
    public void predictions(Map<String, Object> options, Object file) {
        add("predictions", options, file, GRID);
    }

    public void predictions(Object file) {
        predictions(Map.of(), file);
    }

    /** The confusion matrix as a heat map with counts. */
    public void confusion(Map<String, Object> options, Object file) {
        add("confusion", options, file, CHART);
    }

    public void confusion(Object file) {
        confusion(Map.of(), file);
    }

    /** The most confidently wrong test images. */
    public void misclassified(Map<String, Object> options, Object file) {
        add("misclassified", options, file, GRID);
    }

    public void misclassified(Object file) {
        misclassified(Map.of(), file);
    }

    /** The font for titles and labels (one that covers the text, e.g. a CJK font for Chinese titles). */
    public void font(Object name) {
        fontValue = Args.toText("font", "name", name);
    }

    private void add(String kind, Map<String, Object> options, Object file, Set<String> allowed) {
        Args.allowOnly(kind, options, allowed);
        String name = Args.toText(kind, "file", file);
        if (!name.matches("[^/\\\\]+\\.(png|svg)")) {
            throw new KeywordError(kind, "'" + kind + "' file '" + name + "' must be a plain .png or .svg file name");
        }
        for (String whole : List.of("count", "columns", "scale", "width", "height", "dpi")) {
            if (options.containsKey(whole)) {
                Args.positive(kind, whole, options.get(whole));
            }
        }
        if (options.containsKey("padding") && Args.toInt(kind, "padding", options.get("padding")) < 0) {
            throw new KeywordError(kind, "'" + kind + "' padding must not be negative");
        }
        if (options.containsKey("padValue")) {
            float pad = Args.toFloat(kind, "padValue", options.get("padValue"));
            if (pad < 0 || pad > 1) {
                throw new KeywordError(kind, "'" + kind + "' padValue must be in [0, 1] (0 black, 1 white), not " + pad);
            }
        }
        if (options.containsKey("split") && !List.of("train", "test").contains(options.get("split"))) {
            throw new KeywordError(kind, "'" + kind + "' split is 'train' or 'test', not " + Args.describe(options.get("split")));
        }
        plots.add(new PlotSpec(kind, name, new LinkedHashMap<>(options)));
    }

    List<PlotSpec> build() {
        if (fontValue == null) {
            return List.copyOf(plots);
        }
        return plots.stream().map(p -> {
            Map<String, Object> options = new LinkedHashMap<>(p.options());
            options.putIfAbsent("font", fontValue);
            return new PlotSpec(p.kind(), p.file(), options);
        }).toList();
    }
}
