package mnistlab.plot;

import mnistlab.data.ImageSet;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;
import mnistlab.result.Explainer;
import mnistlab.result.TrainingResult;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Entry point of the plots: renders the spec's {@code plots} section into a run folder. Each
 * picture is also a plain call (samples, curves, predictions, confusion, misclassified), which the
 * REPL and embedding applications use directly.
 */
public final class Plots {
    static final Color RIGHT = new Color(0x1a7f37);
    static final Color WRONG = new Color(0xcf222e);

    private Plots() {
    }

    /**
     * What the pictures are drawn from: the data as trained on, the training's results, the
     * experiment's augmentation (a set to its distorted copy), and for the inspection pictures
     * the model's layers and its answers about single images.
     * @param train the training images
     * @param test the test images
     * @param result the training's results
     * @param augment a set to its distorted copy
     * @param layers the model's layers
     * @param explainer the trained model's answers about single images
     */
    public record Inputs(ImageSet train, ImageSet test, TrainingResult result, UnaryOperator<ImageSet> augment,
                         List<LayerSpec> layers, Explainer explainer) {
        /**
         * Without a model to ask: the inspection pictures are left out, with a warning.
         * @param train the training images
         * @param test the test images
         * @param result the training's results
         * @param augment a set to its distorted copy
         */
        public Inputs(ImageSet train, ImageSet test, TrainingResult result, UnaryOperator<ImageSet> augment) {
            this(train, test, result, augment, List.of(), null);
        }
    }

    /**
     * Renders every plot the spec asks for into {@code dir}; returns the files in order.
     * @param plots the pictures
     * @param inputs what they are drawn from
     * @param dir where they go
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @return the files written
     * @throws IOException when the file cannot be written
     */
    public static List<Path> render(List<PlotSpec> plots, Inputs inputs, Path dir, Consumer<String> warnings)
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (PlotSpec plot : plots) {
            Path file = dir.resolve(plot.file());
            PlotOptions o = plot.options();
            switch (plot.kind()) {
                case SAMPLES -> samples("test".equals(o.split()) ? inputs.test() : inputs.train(), o, file, warnings);
                case CURVES -> curves(inputs.result(), o, file, warnings);
                case PREDICTIONS -> predictions(inputs.test(), inputs.result().test(), o, file, warnings);
                case CONFUSION -> confusion(inputs.result().test(), inputs.test().classNames(), o, file, warnings);
                case MISCLASSIFIED -> misclassified(inputs.test(), inputs.result().test(), o, file, warnings);
                case AUGMENTED -> samples(inputs.augment().apply(inputs.train().limit(o.countOr(64))), o, file, warnings);
                case FEATURE_MAPS, FILTERS, SALIENCY, GRAD_CAM -> {
                    if (inputs.explainer() == null) {
                        warnings.accept(Messages.get("plot.needsModel", file.getFileName()));
                        continue;
                    }
                    InspectPlots.render(plot, inputs.layers(), inputs.explainer(), inputs.test(),
                            inputs.result() == null ? null : inputs.result().test(), file, warnings);
                }
            }
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * A make_grid of the first {@code count} images (training samples, say).
     * @param set the images
     * @param o the picture's options
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @throws IOException when the file cannot be written
     */
    public static void samples(ImageSet set, PlotOptions o, Path file, Consumer<String> warnings) throws IOException {
        int count = Math.min(o.countOr(64), set.size());
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(set.image(i));
        }
        String title = o.title();
        grid(images, set, o, title, List.of(), List.of(), file, warnings, 8);
    }

    /**
     * Test images captioned with the predicted label; wrong ones in red with the true label.
     * @param test the test images
     * @param eval the model's answers on them
     * @param o the picture's options
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @throws IOException when the file cannot be written
     */
    public static void predictions(ImageSet test, Evaluation eval, PlotOptions o, Path file, Consumer<String> warnings)
            throws IOException {
        int count = Math.min(o.countOr(25), eval.count());
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        captioned(test, eval, indices, o, o.title(), file, warnings);
    }

    /**
     * The most confidently wrong test images, each with its prediction and true label.
     * @param test the test images
     * @param eval the model's answers on them
     * @param o the picture's options
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @throws IOException when the file cannot be written
     */
    public static void misclassified(ImageSet test, Evaluation eval, PlotOptions o, Path file, Consumer<String> warnings)
            throws IOException {
        List<Integer> wrong = eval.misclassified();
        List<Integer> indices = wrong.subList(0, Math.min(o.countOr(25), wrong.size()));
        if (indices.isEmpty()) {
            warnings.accept(Messages.get("plot.noMistakes", file.getFileName()));
            return;
        }
        captioned(test, eval, indices, o, o.titleOr(Messages.get("plot.mistakes")), file, warnings);
    }

    private static void captioned(ImageSet test, Evaluation eval, List<Integer> indices, PlotOptions o, String title,
                                  Path file, Consumer<String> warnings) throws IOException {
        List<float[]> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        List<String> names = test.classNames();
        for (int i : indices) {
            images.add(test.image(i));
            int predicted = eval.predictions()[i];
            int truth = eval.labels()[i];
            boolean right = predicted == truth;
            captions.add(right ? names.get(predicted) : Messages.get("plot.mistakeCaption", names.get(predicted), names.get(truth)));
            colours.add(right ? RIGHT : WRONG);
        }
        grid(images, test, o, title, captions, colours, file, warnings, 5);
    }

    private static void grid(List<float[]> images, ImageSet set, PlotOptions o, String title, List<String> captions,
                             List<Color> colours, Path file, Consumer<String> warnings, int defaultColumns)
            throws IOException {
        List<String> texts = new ArrayList<>(captions);
        if (title != null) {
            texts.add(title);
        }
        String font = Fonts.family(o.font(), texts, warnings);
        ImageGrid grid = new ImageGrid(images, set.rows(), set.cols(), o.columnsOr(defaultColumns),
                o.paddingOr(2), o.padValueOr(0f), o.scaleOr(3), title, captions, colours, font);
        Pictures.save(file, grid.width(), grid.height(), o.dpiOr(Pictures.DEFAULT_DPI), grid::paint);
    }

    /**
     * Loss and accuracy against images seen, stacked, then per-epoch train and test accuracy.
     * @param result the training's history and epochs
     * @param o the picture's options
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @throws IOException when the file cannot be written
     */
    public static void curves(TrainingResult result, PlotOptions o, Path file, Consumer<String> warnings) throws IOException {
        String[] given = o.titleOr(Messages.get("plot.curves")).split("\\s*/\\s*");
        List<String> titles = List.of(given[0], given.length > 1 ? given[1] : Messages.get("plot.accuracyTitle"),
                given.length > 2 ? given[2] : Messages.get("plot.perEpochTitle"));
        List<String> texts = new ArrayList<>(titles);
        texts.addAll(Charts.curveLabels());
        String font = Fonts.family(o.font(), texts, warnings);
        int width = o.widthOr(800);
        int height = o.heightOr(300);
        List<XYChart> charts = Charts.curves(result.history(), result.epochs(), titles, width, height, font);
        Pictures.save(file, width, height * charts.size(), o.dpiOr(Pictures.DEFAULT_DPI),
                g -> Charts.paintStacked(g, charts, width, height));
    }

    /**
     * The confusion matrix as a heat map.
     * @param eval the model's answers on the test set
     * @param classNames one per label
     * @param o the picture's options
     * @param file the .png or .svg file
     * @param warnings hears of what could not be drawn as asked (a missing font, no mistakes to show)
     * @throws IOException when the file cannot be written
     */
    public static void confusion(Evaluation eval, List<String> classNames, PlotOptions o, Path file,
                                 Consumer<String> warnings) throws IOException {
        String title = o.titleOr(Messages.get("plot.confusion"));
        List<String> texts = new ArrayList<>(classNames);
        texts.add(title);
        texts.addAll(Charts.confusionLabels());
        String font = Fonts.family(o.font(), texts, warnings);
        int width = o.widthOr(640);
        int height = o.heightOr(600);
        HeatMapChart chart = Charts.confusion(eval, classNames, title, width, height, font);
        Pictures.save(file, width, height, o.dpiOr(Pictures.DEFAULT_DPI), g -> chart.paint(g, width, height));
    }
}
