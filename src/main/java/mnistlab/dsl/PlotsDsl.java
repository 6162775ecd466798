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

    /**
     * {@code samples 'file.png', …}: training or test images with their labels.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void samples(Map<String, Object> options, Object file) {
        add("samples", options, file);
    }

    /**
     * {@code samples 'file.png'}: training or test images with their labels, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void samples(Object file) {
        samples(Map.of(), file);
    }

    /**
     * {@code augmented 'file.png', …}: training images as augment { } distorts them.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void augmented(Map<String, Object> options, Object file) {
        add("augmented", options, file);
    }

    /**
     * {@code augmented 'file.png'}: training images as augment { } distorts them, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void augmented(Object file) {
        augmented(Map.of(), file);
    }

    /**
     * {@code curves 'file.png', …}: loss and accuracy curves.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void curves(Map<String, Object> options, Object file) {
        add("curves", options, file);
    }

    /**
     * {@code curves 'file.png'}: loss and accuracy curves, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void curves(Object file) {
        curves(Map.of(), file);
    }

    /**
     * {@code predictions 'file.png', …}: test images captioned with the model's answers.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void predictions(Map<String, Object> options, Object file) {
        add("predictions", options, file);
    }

    /**
     * {@code predictions 'file.png'}: test images captioned with the model's answers, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void predictions(Object file) {
        predictions(Map.of(), file);
    }

    /**
     * {@code confusion 'file.png', …}: the confusion matrix.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void confusion(Map<String, Object> options, Object file) {
        add("confusion", options, file);
    }

    /**
     * {@code confusion 'file.png'}: the confusion matrix, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void confusion(Object file) {
        confusion(Map.of(), file);
    }

    /**
     * {@code misclassified 'file.png', …}: the most confident mistakes.
     * @param options the picture's options (count:, columns:, title:, …; docs/dsl.md)
     * @param file a plain .png or .svg file name
     */
    public void misclassified(Map<String, Object> options, Object file) {
        add("misclassified", options, file);
    }

    /**
     * {@code misclassified 'file.png'}: the most confident mistakes, at the defaults.
     * @param file a plain .png or .svg file name
     */
    public void misclassified(Object file) {
        misclassified(Map.of(), file);
    }

    /**
     * {@code font 'Noto Sans CJK SC'}: the font of every picture's text.
     * @param name a font family
     */
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
