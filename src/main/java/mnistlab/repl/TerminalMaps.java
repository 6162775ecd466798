package mnistlab.repl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small pictures for a terminal, as lists of lines of equal width: grey maps and heat overlays in
 * Unicode half blocks on a colour terminal (two pixel rows a character), text art otherwise (one
 * character a pixel, two rows averaged); bar strips for vectors; panels side by side.
 */
final class TerminalMaps {
    private static final String RAMP = " .:-=+*#%@";
    private static final String BARS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    TerminalMaps(boolean colour) {
        this.colour = colour;
    }

    /** A map scaled to its own range (its smallest value black, its largest white). */
    List<String> grey(float[] values, int rows, int cols) {
        float[] scaled = scaled(values);
        return picture(rows, cols, (r, c) -> {
            float v = r < rows ? scaled[r * cols + c] : 0f;
            return colour ? 232 + Math.round(v * 23) : v;
        });
    }

    /**
     * An image in grey with a heat map over it in red, the heat scaled to its largest magnitude;
     * as text only the heat shows (the picture is printed beside it).
     */
    List<String> overlay(float[] image, float[] heat, int rows, int cols) {
        float[] magnitude = new float[heat.length];
        for (int i = 0; i < heat.length; i++) {
            magnitude[i] = Math.abs(heat[i]);
        }
        float[] h = scaled(magnitude);
        if (!colour) {
            return picture(rows, cols, (r, c) -> r < rows ? h[r * cols + c] : 0f);
        }
        return picture(rows, cols, (r, c) -> {
            if (r >= rows) {
                return 16;
            }
            float g = Math.max(0f, Math.min(1f, image[r * cols + c])) * 0.6f;
            float heatHere = h[r * cols + c];
            int red = Math.round(5 * Math.max(g, heatHere));
            int rest = Math.round(5 * g * (1 - heatHere));
            return 16 + 36 * red + 6 * rest + rest;
        });
    }

    /** A vector as one bar a value (height: the value within the vector's range), {@code width} to a line. */
    List<String> bars(float[] values, int width) {
        float[] scaled = scaled(values);
        List<String> lines = new ArrayList<>();
        String ramp = colour ? BARS : RAMP;
        for (int start = 0; start < scaled.length; start += width) {
            StringBuilder line = new StringBuilder();
            for (int i = start; i < Math.min(start + width, scaled.length); i++) {
                line.append(ramp.charAt(Math.round(scaled[i] * (ramp.length() - 1))));
            }
            lines.add(line + " ".repeat(width - (line.length())));
        }
        return lines;
    }

    /** Panels next to each other with a gap, each under its title (cut or padded to the panel's width). */
    static String sideBySide(List<String> titles, List<List<String>> panels, int gap) {
        StringBuilder sb = new StringBuilder();
        int height = panels.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> widths = panels.stream().map(p -> p.isEmpty() ? 0 : visibleWidth(p.get(0))).toList();
        for (int line = -1; line < height; line++) {
            StringBuilder row = new StringBuilder();
            for (int p = 0; p < panels.size(); p++) {
                int width = widths.get(p);
                String cell = line < 0 ? fit(titles.get(p), width)
                        : line < panels.get(p).size() ? panels.get(p).get(line) : " ".repeat(width);
                row.append(cell).append(p + 1 < panels.size() ? " ".repeat(gap) : "");
            }
            sb.append(row.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String fit(String title, int width) {
        return title.length() >= width ? title.substring(0, width) : title + " ".repeat(width - title.length());
    }

    private static int visibleWidth(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    /** Averages 2x2 blocks until the map is at most {@code most} pixels a side (odd edges dropped). */
    static float[] shrink(float[] values, int rows, int cols, int most, int[] size) {
        float[] current = values;
        int r = rows;
        int c = cols;
        while (Math.max(r, c) > most && r >= 2 && c >= 2) {
            float[] half = new float[(r / 2) * (c / 2)];
            for (int y = 0; y < r / 2; y++) {
                for (int x = 0; x < c / 2; x++) {
                    int at = 2 * y * c + 2 * x;
                    half[y * (c / 2) + x] = (current[at] + current[at + 1] + current[at + c] + current[at + c + 1]) / 4;
                }
            }
            current = half;
            r /= 2;
            c /= 2;
        }
        size[0] = r;
        size[1] = c;
        return current;
    }

    /** Largest value over groups of consecutive values, so a long vector fits {@code most} bars. */
    static float[] pooled(float[] values, int most) {
        if (values.length <= most) {
            return values;
        }
        float[] out = new float[most];
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            int group = (int) ((long) i * most / values.length);
            out[group] = Math.max(out[group], values[i]);
        }
        return out;
    }

    @FunctionalInterface
    private interface Shade {
        /** A colour index (colour) or a level in [0,1] (text) at a pixel; rows past the end come as r = rows. */
        float at(int row, int col);
    }

    private List<String> picture(int rows, int cols, Shade shade) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows; r += 2) {
            StringBuilder sb = new StringBuilder();
            int below = Math.min(r + 1, rows);
            for (int c = 0; c < cols; c++) {
                if (colour) {
                    sb.append("\u001b[38;5;").append((int) shade.at(r, c)).append(";48;5;").append((int) shade.at(below, c))
                            .append("m\u2580");
                } else {
                    float level = below < rows ? (shade.at(r, c) + shade.at(below, c)) / 2 : shade.at(r, c);
                    sb.append(RAMP.charAt(Math.min(RAMP.length() - 1, (int) (level * RAMP.length()))));
                }
            }
            lines.add(colour ? sb + RESET : sb.toString());
        }
        return lines;
    }

    /** Values mapped linearly onto [0,1] (all 0 when they are all equal). */
    private static float[] scaled(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[values.length];
        if (max > min) {
            for (int i = 0; i < values.length; i++) {
                out[i] = (values[i] - min) / (max - min);
            }
        }
        return out;
    }
}
