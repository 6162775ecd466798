package mnistlab.dsl;

import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code plots { ... }}: the pictures to render into the run folder, each with its file and options. */
public class PlotsDsl {
    private final List<PlotSpec> plots = new ArrayList<>();
    private String fontValue;

    /** {@code samples 'train-samples.png', count: 100, columns: 10, title: '...'}: a grid of dataset images. */
    public void samples(Map<String, Object> options, Object file) {
        add("samples", options, file);
    }

    public void samples(Object file) {
        samples(Map.of(), file);
    }

    /** {@code augmented 'augmented.png', count: 64}: training images as the augment { } section distorts them. */
    public void augmented(Map<String, Object> options, Object file) {
        add("augmented", options, file);
    }

    public void augmented(Object file) {
        augmented(Map.of(), file);
    }

    /** Loss and accuracy against samples seen, and per-epoch accuracies. */
    public void curves(Map<String, Object> options, Object file) {
        add("curves", options, file);
    }

    public void curves(Object file) {
        curves(Map.of(), file);
    }

    /** Test images captioned with the predicted label; wrong ones marked. */
    public void predictions(Map<String, Object> options, Object file) {
        add("predictions", options, file);
    }

    public void predictions(Object file) {
        predictions(Map.of(), file);
    }

    /** The confusion matrix as a heat map with counts. */
    public void confusion(Map<String, Object> options, Object file) {
        add("confusion", options, file);
    }

    public void confusion(Object file) {
        confusion(Map.of(), file);
    }

    /** The most confidently wrong test images. */
    public void misclassified(Map<String, Object> options, Object file) {
        add("misclassified", options, file);
    }

    public void misclassified(Object file) {
        misclassified(Map.of(), file);
    }

    /** The font for titles and labels (one that covers the text, e.g. a CJK font for Chinese titles). */
    public void font(Object name) {
        fontValue = Args.toText("font", "name", name);
    }

    /** Names the options (with a did-you-mean); the spec's records check their values. */
    private void add(String kind, Map<String, Object> options, Object file) {
        PlotKind plotKind = PlotKind.named(kind);
        Args.allowOnly(kind, options, plotKind.options());
        String name = Args.toText(kind, "file", file);
        try {
            plots.add(new PlotSpec(plotKind, name, PlotOptions.of(options)));
        } catch (IllegalArgumentException e) {
            throw new KeywordError(kind, Messages.get("dsl.about", kind, e.getMessage()));
        }
    }

    List<PlotSpec> build() {
        return fontValue == null ? List.copyOf(plots)
                : plots.stream().map(p -> new PlotSpec(p.kind(), p.file(), p.options().withDefaultFont(fontValue))).toList();
    }
}
