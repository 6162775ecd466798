package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.List;
import java.util.Map;

/**
 * A picture to render into the run folder: its kind, a plain .png or .svg file name, and options.
 * A picture may not exceed {@link #MAX_PIXELS}, estimated from its options and the kind's defaults.
 */
public record PlotSpec(PlotKind kind, String file, PlotOptions options) {
    /** 40 megapixels: 160 MB as ARGB, far beyond any grid or chart a person reads. */
    public static final long MAX_PIXELS = 40_000_000L;
    private static final int IMAGE_SIDE = 28;
    private static final int CAPTION = 18;

    /**
     * Checks each value.
     * @param kind which picture
     * @param file a plain .png or .svg file name
     * @param options its options; null ones take the defaults
     * @throws IllegalArgumentException naming the first value out of range
     */
    public PlotSpec {
        if (kind == null || options == null) {
            throw new IllegalArgumentException(Messages.get("spec.plotIncomplete"));
        }
        if (file == null || !file.matches("[^/\\\\]+\\.(png|svg)")) {
            throw new IllegalArgumentException(Messages.get("spec.plotFile", file));
        }
        for (String set : options.given()) {
            if (!kind.options().contains(set)) {
                throw new IllegalArgumentException(Messages.get("spec.plotNoOption", set));
            }
        }
        long pixels = pixels(kind, options);
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException(Messages.get("spec.megapixels", pixels / 1_000_000, MAX_PIXELS / 1_000_000));
        }
    }

    /**
     * From script-style names and values: {@code PlotSpec.of("samples", "train.png", Map.of("count", 100))}.
     * @param kind the picture's keyword
     * @param file a plain .png or .svg file name
     * @param options option name to value
     * @return the spec
     * @throws IllegalArgumentException for an unknown kind, file name or option
     */
    public static PlotSpec of(String kind, String file, Map<String, ?> options) {
        return new PlotSpec(PlotKind.named(kind), file, PlotOptions.of(options));
    }

    /** Feature maps, filters and heat maps a picture shows per image, or in all, by default. */
    public static final int DEFAULT_MAPS = 16;
    /** The test images an inspection picture shows by default. */
    public static final List<Integer> DEFAULT_IMAGES = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    /**
     * The layer an inspection picture looks at: the one set, else for Grad-CAM the last conv
     * layer's rectified maps ({@link LayerRoles#gradCamDefault}) and for the others the first conv
     * layer (ExperimentSpec has checked that there is one where one is needed).
     * @param layers the model's layers
     * @return the layer's index
     */
    public int layerIn(List<LayerSpec> layers) {
        if (options.layer() != null) {
            return options.layer();
        }
        List<Integer> convs = LayerRoles.convLayers(layers);
        return convs.isEmpty() ? 0 : kind == PlotKind.GRAD_CAM ? LayerRoles.gradCamDefault(layers) : convs.get(0);
    }

    /** The picture's size, at the renderer's defaults (grids: 64 or 25 images, 8 or 5 columns, scale 3, padding 2). */
    private static long pixels(PlotKind kind, PlotOptions o) {
        double dpiScale = o.dpiOr(72) / 72.0;
        double w;
        double h;
        if (kind.isInspection()) {
            int images = o.misclassified() != null ? o.misclassified() : o.imagesOr(DEFAULT_IMAGES).size();
            int perImage = kind == PlotKind.FEATURE_MAPS ? 1 + o.countOr(DEFAULT_MAPS) : 1;
            int tiles = kind == PlotKind.FILTERS ? o.countOr(64) : images * perImage;
            int columns = Math.min(tiles, o.columnsOr(kind == PlotKind.FEATURE_MAPS ? perImage : 10));
            double tile = (IMAGE_SIDE + 4) * o.scaleOr(3) + CAPTION;
            w = columns * tile;
            h = ((tiles + columns - 1) / columns) * tile + 2 * CAPTION;
        } else if (kind.isGrid()) {
            int count = o.countOr(kind == PlotKind.SAMPLES ? 64 : 25);
            int columns = Math.min(count, o.columnsOr(kind == PlotKind.SAMPLES ? 8 : 5));
            int rows = (count + columns - 1) / columns;
            double tile = (IMAGE_SIDE + o.paddingOr(2)) * o.scaleOr(3) + (kind == PlotKind.SAMPLES ? 0 : CAPTION);
            w = columns * tile;
            h = rows * tile;
        } else {
            w = o.widthOr(kind == PlotKind.CURVES ? 800 : 640);
            h = o.heightOr(kind == PlotKind.CURVES ? 300 : 600) * (kind == PlotKind.CURVES ? 3 : 1);
        }
        return (long) (w * dpiScale * h * dpiScale);
    }
}
