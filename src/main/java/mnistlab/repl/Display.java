package mnistlab.repl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import mnistlab.i18n.Messages;
import mnistlab.plot.TextImage;
import mnistlab.result.Evaluation;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;
import mnistlab.result.ModelSummary;
import mnistlab.result.Prediction;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the REPL shows values: tensors with shape, type, device, statistics and a truncated view of
 * their values like NumPy's; 28x28 images as pictures (Unicode half blocks in grey levels on a
 * colour terminal, plain characters otherwise); predictions as probability bars; layer outputs
 * and heat maps as {@link LayerViews} draws them.
 */
final class Display {
    private static final int EDGE = 3;

    private final boolean colour;
    private final LayerViews views;

    Display(boolean colour) {
        this.colour = colour;
        this.views = new LayerViews(colour);
    }

    /** True on a terminal without colours (dumb, or piped): no escape codes at all then. */
    boolean isPlain() {
        return !colour;
    }

    String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof NDArray array) {
            return tensor(array);
        }
        if (value instanceof Prediction p) {
            return prediction(p, -1);
        }
        if (value instanceof float[] pixels && isSquare(pixels.length)) {
            int side = (int) Math.round(Math.sqrt(pixels.length));
            return image(pixels, side, side);
        }
        if (value instanceof LayerOutput output) {
            return views.layer(output);
        }
        if (value instanceof Heatmap heatmap) {
            return views.heatmap(heatmap);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof LayerOutput) {
            StringBuilder sb = new StringBuilder();
            list.forEach(o -> sb.append(views.layer((LayerOutput) o)));
            return sb.toString();
        }
        if (value instanceof ModelSummary summary) {
            return summary.toString();
        }
        if (value instanceof Evaluation e) {
            return Messages.get("repl.evaluation", 100 * e.accuracy(), e.correct(), e.count(), e.seconds());
        }
        if (value instanceof float[] f) {
            return Arrays.toString(f);
        }
        if (value instanceof int[] i) {
            return Arrays.toString(i);
        }
        if (value instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (value instanceof int[][] m) {
            StringBuilder sb = new StringBuilder();
            for (int[] row : m) {
                for (int v : row) {
                    sb.append(String.format(Locale.ROOT, "%6d", v));
                }
                sb.append('\n');
            }
            return sb.toString();
        }
        return String.valueOf(value);
    }

    private static boolean isSquare(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return n >= 64 && side * side == n;
    }

    /** Shape, type, device, min/max/mean/std, and the values with the middle elided. */
    String tensor(NDArray array) {
        StringBuilder sb = new StringBuilder();
        sb.append("NDArray ").append(array.getShape()).append(' ').append(array.getDataType()).append(' ')
                .append(array.getDevice());
        long size = array.size();
        if (size > 0 && array.getDataType() != DataType.STRING && array.getDataType() != DataType.UNKNOWN) {
            try (NDArray f = array.toType(DataType.FLOAT64, true)) {
                double[] v = f.toDoubleArray();
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (double d : v) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                    sum += d;
                }
                double mean = sum / v.length;
                double var = 0;
                for (double d : v) {
                    var += (d - mean) * (d - mean);
                }
                sb.append(String.format(Locale.ROOT, "%nmin %.4g  max %.4g  mean %.4g  std %.4g%n", min, max, mean,
                        Math.sqrt(var / v.length)));
                sb.append(values(v, array.getShape().getShape()));
            }
        }
        return sb.toString();
    }

    /** NumPy-style nested brackets, showing the first and last EDGE entries of each long axis. */
    static String values(double[] v, long[] shape) {
        StringBuilder sb = new StringBuilder();
        nest(sb, v, shape, 0, 0, 0);
        return sb.toString();
    }

    private static int nest(StringBuilder sb, double[] v, long[] shape, int axis, int offset, int indent) {
        if (shape.length == 0) {
            sb.append(format(v[0]));
            return 1;
        }
        long n = shape[axis];
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= (int) shape[a];
        }
        sb.append('[');
        for (long i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                sb.append(axis == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + 1));
                i = n - EDGE;
            }
            if (axis == shape.length - 1) {
                sb.append(format(v[offset + (int) i]));
            } else {
                nest(sb, v, shape, axis + 1, offset + (int) i * stride, indent + 1);
            }
            if (i < n - 1) {
                sb.append(axis == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + 1));
            }
        }
        sb.append(']');
        return stride * (int) n;
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.format(Locale.ROOT, "%.0f.", d)
                : String.format(Locale.ROOT, "%.4f", d);
    }

    /**
     * An image as a picture: on a colour terminal each character cell shows two pixels (upper half
     * block, foreground the top pixel's grey, background the bottom one's); otherwise text art.
     */
    String image(float[] pixels, int rows, int cols) {
        if (!colour) {
            return TextImage.render(pixels, rows, cols);
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r += 2) {
            for (int c = 0; c < cols; c++) {
                int top = greyIndex(pixels[r * cols + c]);
                int bottom = r + 1 < rows ? greyIndex(pixels[(r + 1) * cols + c]) : 232;
                sb.append("\u001b[38;5;").append(top).append(";48;5;").append(bottom).append("m\u2580");
            }
            sb.append("\u001b[0m\n");
        }
        return sb.toString();
    }

    /** The xterm-256 grey ramp (232 black … 255 white). */
    private static int greyIndex(float v) {
        return 232 + Math.round(Math.max(0f, Math.min(1f, v)) * 23);
    }

    /** The top classes with their probabilities as bars, and the true label when known (>= 0). */
    String prediction(Prediction p, int truth) {
        StringBuilder sb = new StringBuilder();
        for (int c : p.topK(Math.min(3, p.probabilities().length))) {
            float prob = p.probabilities()[c];
            int width = Math.round(prob * 30);
            sb.append(String.format(Locale.ROOT, "%-12s %s%s %6.2f %%%n", p.classNames().get(c), "\u2588".repeat(width),
                    " ".repeat(30 - width), 100 * prob));
        }
        if (truth >= 0) {
            sb.append(Messages.get(truth == p.label() ? "repl.truthRight" : "repl.truthWrong", p.classNames().get(truth)))
                    .append('\n');
        }
        return sb.toString();
    }
}
