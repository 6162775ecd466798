package mnistlab.plot;

import mnistlab.data.ImageSet;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.PlotKind;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;
import mnistlab.result.Explainer;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pictures that look inside the network: test images beside one layer's feature maps, a conv
 * layer's kernels, and test images under their predicted class's saliency or Grad-CAM.
 */
public final class InspectPlots {
    private static final int SIDE = 28;

    private InspectPlots() {
    }

    /**
     * Draws one inspection picture.
     * @param plot which picture, with its options
     * @param layers the model's layers, as the spec has them
     * @param explainer the trained model's answers about single images
     * @param test the test images
     * @param eval the model's answers on them, or null (then misclassified: draws nothing, with a warning)
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked
     * @throws IOException when the file cannot be written
     */
    public static void render(PlotSpec plot, List<LayerSpec> layers, Explainer explainer, ImageSet test, Evaluation eval,
                              Path file, Consumer<String> warnings) throws IOException {
        PlotOptions o = plot.options();
        int layer = plot.layerIn(layers);
        String kind = layers.get(layer).kind();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        String title;
        int columns;
        if (plot.kind() == PlotKind.FILTERS) {
            LayerOutput kernels = explainer.filters(layer);
            long[] shape = kernels.shape();
            int each = (int) (shape[2] * shape[3]);
            int count = (int) Math.min(o.countOr(64), shape[0] * shape[1]);
            float largest = largestMagnitude(kernels.values());
            for (int k = 0; k < count; k++) {
                tiles.add(diverging(kernels.values(), k * each, (int) shape[2], (int) shape[3], largest));
                captions.add(shape[1] == 1 ? "#" + k : "#" + k / shape[1] + "." + k % shape[1]);
                colours.add(Color.BLACK);
            }
            title = o.titleOr(Messages.get("plot.filtersTitle", layer, kind));
            columns = o.columnsOr(8);
        } else {
            List<Integer> images = images(o, test, eval, file, warnings);
            if (images.isEmpty()) {
                return;
            }
            for (int i : images) {
                float[] pixels = test.image(i);
                if (plot.kind() == PlotKind.FEATURE_MAPS) {
                    addMaps(explainer.activations(pixels).get(layer), o.countOr(PlotSpec.DEFAULT_MAPS), pixels, i, test,
                            tiles, captions, colours);
                } else {
                    Heatmap heat = plot.kind() == PlotKind.SALIENCY ? explainer.saliency(pixels)
                            : explainer.gradCamAt(pixels, layer);
                    tiles.add(overlay(pixels, heat.values(), test.rows(), test.cols()));
                    int predicted = heat.targetClass();
                    int truth = test.label(i);
                    List<String> names = test.classNames();
                    captions.add(predicted == truth ? i + ": " + names.get(predicted)
                            : i + ": " + Messages.get("plot.mistakeCaption", names.get(predicted), names.get(truth)));
                    colours.add(predicted == truth ? Plots.RIGHT : Plots.WRONG);
                }
            }
            columns = plot.kind() == PlotKind.FEATURE_MAPS ? tiles.size() / images.size() : o.columnsOr(10);
            title = o.titleOr(plot.kind() == PlotKind.FEATURE_MAPS ? Messages.get("plot.featureMapsTitle", layer, kind)
                    : plot.kind() == PlotKind.SALIENCY ? Messages.get("plot.saliencyTitle")
                    : Messages.get("plot.gradCamTitle", layer));
        }
        List<String> texts = new ArrayList<>(captions);
        texts.add(title);
        String font = Fonts.family(o.font(), texts, warnings);
        TileSheet sheet = new TileSheet(tiles, columns, SIDE * o.scaleOr(3), title, captions, colours, font);
        Pictures.save(file, sheet.width(), sheet.height(), o.dpiOr(Pictures.DEFAULT_DPI), sheet::paint);
    }

    /** The test images asked for: listed (those beyond the test set left out, with a warning) or the most confident mistakes. */
    private static List<Integer> images(PlotOptions o, ImageSet test, Evaluation eval, Path file, Consumer<String> warnings) {
        if (o.misclassified() != null) {
            if (eval == null) {
                warnings.accept(Messages.get("plot.needsEvaluation", file.getFileName()));
                return List.of();
            }
            List<Integer> wrong = eval.misclassified();
            if (wrong.isEmpty()) {
                warnings.accept(Messages.get("plot.noMistakes", file.getFileName()));
            }
            return wrong.subList(0, Math.min(o.misclassified(), wrong.size()));
        }
        List<Integer> kept = new ArrayList<>();
        for (int i : o.imagesOr(PlotSpec.DEFAULT_IMAGES)) {
            if (i < test.size()) {
                kept.add(i);
            } else {
                warnings.accept(Messages.get("plot.imageBeyond", file.getFileName(), i, test.size()));
            }
        }
        return kept;
    }

    private static void addMaps(LayerOutput output, int count, float[] pixels, int index, ImageSet test,
                                List<BufferedImage> tiles, List<String> captions, List<Color> colours) {
        tiles.add(grey(pixels, 0, test.rows(), test.cols()));
        captions.add(index + ": " + test.classNames().get(test.label(index)));
        colours.add(Color.BLACK);
        long[] shape = output.shape();
        int rows = (int) shape[1];
        int cols = (int) shape[2];
        for (int m = 0; m < Math.min(count, shape[0]); m++) {
            tiles.add(grey(output.values(), m * rows * cols, rows, cols));
            captions.add("#" + m);
            colours.add(Color.DARK_GRAY);
        }
    }

    /** One map scaled to its own range, black to white. */
    private static BufferedImage grey(float[] values, int from, int rows, int cols) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + rows * cols; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        BufferedImage out = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rows * cols; i++) {
            int g = max > min ? Math.round(255 * (values[from + i] - min) / (max - min)) : 0;
            out.setRGB(i % cols, i / cols, g << 16 | g << 8 | g);
        }
        return out;
    }

    /** A kernel in red (positive) and blue (negative) on white, scaled to the layer's largest weight. */
    private static BufferedImage diverging(float[] values, int from, int rows, int cols, float largest) {
        BufferedImage out = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rows * cols; i++) {
            float v = largest > 0 ? values[from + i] / largest : 0f;
            int fade = Math.round(255 * (1 - Math.abs(v)));
            out.setRGB(i % cols, i / cols, v >= 0 ? 255 << 16 | fade << 8 | fade : fade << 16 | fade << 8 | 255);
        }
        return out;
    }

    /** The image in grey with the heat's magnitude over it, from clear through red to yellow. */
    static BufferedImage overlay(float[] pixels, float[] heat, int rows, int cols) {
        float largest = largestMagnitude(heat);
        BufferedImage out = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rows * cols; i++) {
            float grey = 0.75f * Math.max(0f, Math.min(1f, pixels[i]));
            float h = largest > 0 ? Math.abs(heat[i]) / largest : 0f;
            float r = grey * (1 - h) + h;
            float g = grey * (1 - h) + h * Math.max(0f, 2 * h - 1);
            float b = grey * (1 - h);
            out.setRGB(i % cols, i / cols, Math.round(255 * r) << 16 | Math.round(255 * g) << 8 | Math.round(255 * b));
        }
        return out;
    }

    private static float largestMagnitude(float[] values) {
        float largest = 0f;
        for (float v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }
}
