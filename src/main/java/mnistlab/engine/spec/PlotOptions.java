package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A picture's options; null means the kind's default. Values are checked here, with bounds
 * that keep a picture within memory whoever wrote the spec (a script, a spec.json from elsewhere).
 */
public record PlotOptions(Integer count, Integer columns, Integer padding, Float padValue, Integer scale, String title,
                          String split, Integer dpi, Integer width, Integer height, String font) {
    public static final PlotOptions DEFAULTS = new PlotOptions(null, null, null, null, null, null, null, null, null, null, null);

    private static final Set<String> NAMES = Arrays.stream(PlotOptions.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

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
    }

    /** From script-style named values: whole numbers, numbers and text by name. */
    public static PlotOptions of(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException(Messages.get("spec.noOption", key));
            }
        }
        return new PlotOptions(whole(values, "count"), whole(values, "columns"), whole(values, "padding"),
                number(values, "padValue"), whole(values, "scale"), text(values, "title"), text(values, "split"),
                whole(values, "dpi"), whole(values, "width"), whole(values, "height"), text(values, "font"));
    }

    /** The names of the options that are set. */
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

    /** The same options with this font where none is set. */
    public PlotOptions withDefaultFont(String family) {
        return font != null ? this
                : new PlotOptions(count, columns, padding, padValue, scale, title, split, dpi, width, height, family);
    }

    public int countOr(int fallback) {
        return count == null ? fallback : count;
    }

    public int columnsOr(int fallback) {
        return columns == null ? fallback : columns;
    }

    public int paddingOr(int fallback) {
        return padding == null ? fallback : padding;
    }

    public float padValueOr(float fallback) {
        return padValue == null ? fallback : padValue;
    }

    public int scaleOr(int fallback) {
        return scale == null ? fallback : scale;
    }

    public String titleOr(String fallback) {
        return title == null ? fallback : title;
    }

    public int dpiOr(int fallback) {
        return dpi == null ? fallback : dpi;
    }

    public int widthOr(int fallback) {
        return width == null ? fallback : width;
    }

    public int heightOr(int fallback) {
        return height == null ? fallback : height;
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
