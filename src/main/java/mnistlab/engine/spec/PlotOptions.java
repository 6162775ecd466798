package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A picture's options; null means the kind's default. Values are checked here, with bounds
 * that keep a picture within memory whoever wrote the spec (a script, a spec.json from elsewhere).
 */
public record PlotOptions(Integer count, Integer columns, Integer padding, Float padValue, Integer scale, String title,
                          String split, Integer dpi, Integer width, Integer height, String font, List<Integer> images,
                          Integer misclassified, Integer layer) {
    /** No option set: every picture at its renderer's defaults. */
    public static final PlotOptions DEFAULTS = new PlotOptions(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);
    /** The most test images an inspection picture shows. */
    public static final int MOST_IMAGES = 100;

    private static final Set<String> NAMES = Arrays.stream(PlotOptions.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    /**
     * Checks each value.
     * @param count images in a grid
     * @param columns a grid's columns
     * @param padding pixels between a grid's images
     * @param padValue the grey between them, 0 black to 1 white
     * @param scale screen pixels per image pixel
     * @param title the title
     * @param split train or test images
     * @param dpi the resolution written into the file
     * @param width a chart's width in pixels
     * @param height a chart's height in pixels
     * @param font the font family
     * @param images the test images an inspection picture shows, by index
     * @param misclassified instead of images: this many of the most confident mistakes
     * @param layer the layer an inspection picture looks at, by index in the model
     * @throws IllegalArgumentException naming the first value out of range
     */
    public PlotOptions {
        within("count", count, 1, 10_000);
        within("columns", columns, 1, 200);
        within("padding", padding, 0, 100);
        within("scale", scale, 1, 32);
        within("dpi", dpi, 1, 600);
        within("width", width, 1, 8_000);
        within("height", height, 1, 8_000);
        if (padValue != null && !(padValue >= 0 && padValue <= 1)) {
            throw new IllegalArgumentException(Messages.get("spec.padValue", padValue));
        }
        if (split != null && !split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException(Messages.get("spec.split", split));
        }
        within("misclassified", misclassified, 1, MOST_IMAGES);
        within("layer", layer, 0, 999);
        if (images != null) {
            if (images.contains(null)) { // a spec.json from elsewhere can say [null]
                throw new IllegalArgumentException(Messages.get("spec.notInt", "images", "null"));
            }
            images = List.copyOf(images);
            within("images", images.size(), 1, MOST_IMAGES);
            images.forEach(i -> within("images", i, 0, 9_999_999));
            if (misclassified != null) {
                throw new IllegalArgumentException(Messages.get("spec.imagesOrMistakes"));
            }
        }
    }

    /**
     * From script-style named values: whole numbers, numbers and text by name.
     * @param values option name to value
     * @return the options
     * @throws IllegalArgumentException for an unknown name or a value of the wrong kind
     */
    public static PlotOptions of(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException(Messages.get("spec.noOption", key));
            }
        }
        return new PlotOptions(whole(values, "count"), whole(values, "columns"), whole(values, "padding"),
                number(values, "padValue"), whole(values, "scale"), text(values, "title"), text(values, "split"),
                whole(values, "dpi"), whole(values, "width"), whole(values, "height"), text(values, "font"),
                wholes(values, "images"), whole(values, "misclassified"), whole(values, "layer"));
    }

    /** @return the names of the options that are set */
    public Set<String> given() {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent c : PlotOptions.class.getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(this) != null) {
                    names.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /**
     * The same options with this font where none is set.
     * @param family a font family
     * @return the new options
     */
    public PlotOptions withDefaultFont(String family) {
        return font != null ? this
                : new PlotOptions(count, columns, padding, padValue, scale, title, split, dpi, width, height, family,
                images, misclassified, layer);
    }

    /**
     * How many images a grid shows, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int countOr(int fallback) {
        return count == null ? fallback : count;
    }

    /**
     * A grid's columns, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int columnsOr(int fallback) {
        return columns == null ? fallback : columns;
    }

    /**
     * Pixels between a grid's images, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int paddingOr(int fallback) {
        return padding == null ? fallback : padding;
    }

    /**
     * The grey between a grid's images (0 black, 1 white), or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public float padValueOr(float fallback) {
        return padValue == null ? fallback : padValue;
    }

    /**
     * How many screen pixels an image pixel takes, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int scaleOr(int fallback) {
        return scale == null ? fallback : scale;
    }

    /**
     * The title, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public String titleOr(String fallback) {
        return title == null ? fallback : title;
    }

    /**
     * The resolution written into the file, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int dpiOr(int fallback) {
        return dpi == null ? fallback : dpi;
    }

    /**
     * A chart's width in pixels, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int widthOr(int fallback) {
        return width == null ? fallback : width;
    }

    /**
     * A chart's height in pixels, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the value
     */
    public int heightOr(int fallback) {
        return height == null ? fallback : height;
    }

    /**
     * The test images an inspection picture shows, or the renderer's default.
     * @param fallback used when the option is not set
     * @return the indices
     */
    public List<Integer> imagesOr(List<Integer> fallback) {
        return images == null ? fallback : images;
    }

    private static void within(String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(Messages.get("spec.range", name, min, max, value));
        }
    }

    private static Integer whole(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new IllegalArgumentException(Messages.get("spec.notInt", name, describe(v)));
    }

    /** A list or range of whole numbers, or one (a script's {@code 0..9}, {@code [3, 7]} or {@code 4}). */
    private static List<Integer> wholes(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Iterable<?> items)) {
            return List.of(whole(values, name));
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : items) {
            if (out.size() > MOST_IMAGES) {
                break; // within() names the bound
            }
            if (item == null) {
                throw new IllegalArgumentException(Messages.get("spec.notInt", name, "null"));
            }
            out.add(whole(Map.of(name, item), name));
        }
        return out;
    }

    private static Float number(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.floatValue();
        }
        throw new IllegalArgumentException(Messages.get("spec.notNumber", name, describe(v)));
    }

    private static String text(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        throw new IllegalArgumentException(Messages.get("spec.notText", name, describe(v)));
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName() + " " + (v instanceof CharSequence ? "'" + v + "'" : v);
    }
}
