package mnistlab.repl;

import mnistlab.i18n.Messages;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;
import mnistlab.result.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code :layers} and {@code :explain} print: a layer's output as a few of its feature maps
 * (shrunk to at most 14 pixels a side) or as a bar strip, and an image beside its saliency and
 * Grad-CAM overlays.
 */
final class LayerViews {
    private static final int MAPS_SHOWN = 10;
    private static final int MAPS_PER_ROW = 5;
    private static final int MAP_SIDE = 14;
    private static final int BAR_WIDTH = 64;
    private static final int BARS_SHOWN = 128;

    private final TerminalMaps maps;

    LayerViews(boolean colour) {
        this.maps = new TerminalMaps(colour);
    }

    /** A heading with the layer's index, kind and shape, then its maps, bars or (for a few values) the values. */
    String layer(LayerOutput output) {
        long[] shape = output.shape();
        float[] values = output.values();
        StringBuilder sb = new StringBuilder(output.toString());
        if (shape.length >= 3) { // feature maps [C, H, W], or kernels [F, C, K, K] shown one per filter and channel
            int channels = (int) (shape.length == 4 ? shape[0] * shape[1] : shape[0]);
            int rows = (int) shape[shape.length - 2];
            int cols = (int) shape[shape.length - 1];
            int shown = Math.min(MAPS_SHOWN, channels);
            if (shown < channels) {
                sb.append("  ").append(Messages.get("inspect.mapsShown", shown, channels));
            }
            sb.append('\n');
            for (int first = 0; first < shown; first += MAPS_PER_ROW) {
                List<String> titles = new ArrayList<>();
                List<List<String>> panels = new ArrayList<>();
                for (int m = first; m < Math.min(first + MAPS_PER_ROW, shown); m++) {
                    float[] map = new float[rows * cols];
                    System.arraycopy(values, m * rows * cols, map, 0, map.length);
                    int[] size = new int[2];
                    float[] small = TerminalMaps.shrink(map, rows, cols, MAP_SIDE, size);
                    titles.add("#" + m);
                    panels.add(maps.grey(small, size[0], size[1]));
                }
                sb.append(TerminalMaps.sideBySide(titles, panels, 1));
            }
            return sb.toString();
        }
        sb.append('\n');
        if (values.length <= 16) {
            for (int i = 0; i < values.length; i++) {
                sb.append(String.format(Locale.ROOT, "%4d %9.4f%n", i, values[i]));
            }
            return sb.toString();
        }
        float[] pooled = TerminalMaps.pooled(values, BARS_SHOWN);
        if (pooled.length < values.length) {
            sb.append(Messages.get("inspect.barsPooled", values.length, pooled.length)).append('\n');
        }
        maps.bars(pooled, BAR_WIDTH).forEach(line -> sb.append(line.stripTrailing()).append('\n'));
        return sb.toString();
    }

    /** A heat map alone, in grey scaled to its range (saliency's magnitude: its sign is the direction, not the weight). */
    String heatmap(Heatmap heatmap) {
        String title = heatmap.layer() < 0 ? Messages.get("inspect.saliencyOf", heatmap.targetClass())
                : Messages.get("inspect.gradCamOf", heatmap.targetClass(), heatmap.layer());
        float[] values = heatmap.values();
        if (heatmap.layer() < 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.abs(values[i]);
            }
        }
        return TerminalMaps.sideBySide(List.of(title), List.of(maps.grey(values, heatmap.rows(), heatmap.cols())), 0);
    }

    /** The image, its saliency and its Grad-CAM side by side, then the top classes. */
    String explain(String heading, float[] image, Heatmap saliency, Heatmap gradCam, String topClasses, Prediction p) {
        int rows = saliency.rows();
        int cols = saliency.cols();
        List<String> titles = List.of(Messages.get("inspect.picture"),
                Messages.get("inspect.saliencyOf", p.classNames().get(saliency.targetClass())),
                Messages.get("inspect.gradCamOf", p.classNames().get(gradCam.targetClass()), gradCam.layer()));
        List<List<String>> panels = List.of(maps.grey(image, rows, cols), maps.overlay(image, saliency.values(), rows, cols),
                maps.overlay(image, gradCam.values(), rows, cols));
        return heading + '\n' + TerminalMaps.sideBySide(titles, panels, 2) + topClasses;
    }
}
