package mnistlab.dsl;

import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * {@code featureMaps 0, 7, layer: 3, count: 8, file: 'maps.png'}: test images, each beside the
     * first feature maps a layer (the first conv one by default) gave for it.
     * @param options layer:, count:, misclassified:, columns:, scale:, title:, file:, …; docs/inspect.md
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void featureMaps(Map<String, Object> options, Object... images) {
        addInspection("featureMaps", "feature-maps.png", options, images);
    }

    /**
     * {@code featureMaps 0, 7}: test images beside the first conv layer's first 16 feature maps.
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void featureMaps(Object... images) {
        featureMaps(Map.of(), images);
    }

    /**
     * {@code filters layer: 3, file: 'kernels.png'}: a conv layer's kernels (the first conv layer's by default).
     * @param options layer:, count:, columns:, scale:, title:, file:, …; docs/inspect.md
     */
    public void filters(Map<String, Object> options) {
        addInspection("filters", "filters.png", options);
    }

    /** {@code filters()}: the first conv layer's kernels, into filters.png. */
    public void filters() {
        filters(Map.of());
    }

    /**
     * {@code saliency 0..9, file: 'saliency.png'}: test images with the predicted class's saliency over them.
     * @param options misclassified:, columns:, scale:, title:, file:, …; docs/inspect.md
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void saliency(Map<String, Object> options, Object... images) {
        addInspection("saliency", "saliency.png", options, images);
    }

    /**
     * {@code saliency 0..9}: test images with the predicted class's saliency over them, into saliency.png.
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void saliency(Object... images) {
        saliency(Map.of(), images);
    }

    /**
     * {@code gradCam misclassified: 16}: test images with the predicted class's Grad-CAM (at the
     * last conv layer by default) over them.
     * @param options misclassified:, layer:, columns:, scale:, title:, file:, …; docs/inspect.md
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void gradCam(Map<String, Object> options, Object... images) {
        addInspection("gradCam", "grad-cam.png", options, images);
    }

    /**
     * {@code gradCam 0..9}: test images with the predicted class's Grad-CAM over them, into grad-cam.png.
     * @param images test indices, ranges or lists of them (default 0..9)
     */
    public void gradCam(Object... images) {
        gradCam(Map.of(), images);
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

    /** An inspection picture: the file is an option (it has a default), the images come positionally. */
    private void addInspection(String kind, String defaultFile, Map<String, Object> options, Object... images) {
        Map<String, Object> named = new LinkedHashMap<>(options);
        Object file = named.containsKey("file") ? named.remove("file") : defaultFile;
        if (images.length > 0) {
            if (named.containsKey("images")) {
                throw new KeywordError(kind, Messages.get("dsl.imagesTwice", kind));
            }
            List<Object> indices = new ArrayList<>();
            for (Object image : images) {
                if (image instanceof Iterable<?> many) {
                    for (Object one : many) {
                        if (indices.size() > PlotOptions.MOST_IMAGES) {
                            break; // the options name the bound
                        }
                        indices.add(one);
                    }
                } else {
                    indices.add(image);
                }
            }
            named.put("images", indices);
        }
        add(kind, named, file);
    }

    List<PlotSpec> build() {
        return fontValue == null ? List.copyOf(plots)
                : plots.stream().map(p -> new PlotSpec(p.kind(), p.file(), p.options().withDefaultFont(fontValue))).toList();
    }
}
