package mnistlab.plot;

import mnistlab.data.Datasets;
import mnistlab.data.ImageSet;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.PlotOptions;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.HistoryPoint;
import mnistlab.result.ModelSummary;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    /** n 2x2 images, image i filled with the grey level i/10. */
    private static ImageSet tiles(int n) {
        float[] pixels = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 4, i * 4 + 4, i / 10f);
            labels[i] = i % 10;
        }
        return ImageSet.of(pixels, labels, 2, 2, Datasets.MNIST.classNames());
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getNumBands() == 1 ? image.getRaster().getSample(x, y, 0) : image.getRGB(x, y) & 0xff;
    }

    @Test
    void gridIsLaidOutAsMakeGrid() throws IOException {
        // 5 tiles of 2x2, 3 per row, padding 1 of grey 0.5: (3*3+1) x (2*3+1) pixels.
        ImageGrid grid = new ImageGrid(List.of(tiles(5).image(0), tiles(5).image(1), tiles(5).image(2), tiles(5).image(3),
                tiles(5).image(4)), 2, 2, 3, 1, 0.5f, 1, null, List.of(), List.of(), "Dialog");
        BufferedImage raster = grid.raster();
        assertEquals(10, raster.getWidth());
        assertEquals(7, raster.getHeight());
        for (int i = 0; i < 5; i++) {
            int x0 = 1 + (i % 3) * 3;
            int y0 = 1 + (i / 3) * 3;
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    assertEquals(Math.round(i / 10f * 255), grey(raster, x0 + dx, y0 + dy), "tile " + i);
                }
            }
        }
        for (int x = 0; x < 10; x++) {
            assertEquals(128, grey(raster, x, 0), "top padding");
            assertEquals(128, grey(raster, x, 3), "padding between rows");
        }
        assertEquals(128, grey(raster, 7, 4), "the empty sixth cell is padding");

        // Saved through the public call with scale 1 and no title, the PNG holds exactly that raster.
        Path png = dir.resolve("grid.png");
        Plots.samples(tiles(5), PlotOptions.of(Map.of("count", 5, "columns", 3, "padding", 1, "padValue", 0.5, "scale", 1)),
                png, warnings::add);
        BufferedImage saved = ImageIO.read(png.toFile());
        assertEquals(10, saved.getWidth());
        assertEquals(7, saved.getHeight());
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(grey(raster, x, y), grey(saved, x, y), x + "," + y);
            }
        }
    }

    @Test
    void scaleAndTitleGrowTheGrid() throws IOException {
        Path png = dir.resolve("titled.png");
        Plots.samples(tiles(4), PlotOptions.of(Map.of("count", 4, "columns", 2, "scale", 3, "title", "训练集部分数据")),
                png, warnings::add);
        BufferedImage saved = ImageIO.read(png.toFile());
        int gridSide = (2 * (2 + 2) + 2) * 3;
        assertEquals(gridSide, saved.getWidth());
        assertEquals(gridSide + 2 * ImageGrid.TITLE_SIZE, saved.getHeight());
    }

    private static TrainingResult result() {
        List<HistoryPoint> history = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            history.add(new HistoryPoint(1 + (i - 1) / 6, i, i * 1000L, 2f / i, 1f - 1f / (i + 1)));
        }
        List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 0.4f, 0.9f, 0.95f, 10, 600, 1e-3f, Float.NaN, Float.NaN),
                new EpochMetrics(2, 0.2f, 0.95f, 0.97f, 10, 600, 1e-3f, Float.NaN, Float.NaN));
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] predicted = {0, 1, 2, 3, 4, 5, 6, 7, 8, 4};
        float[] confidence = {.9f, .9f, .9f, .9f, .9f, .9f, .9f, .9f, .9f, .8f};
        Evaluation eval = Evaluation.of(labels, predicted, confidence, 10, 0.1f, 0.5);
        return new TrainingResult("plots", "cpu()", 1234, epochs, history, eval, false, null, 2);
    }

    @Test
    void chartsHaveTheirSizeInPngAndSvg() throws IOException {
        Path curves = dir.resolve("curves.png");
        Plots.curves(result(), PlotOptions.of(Map.of("title", "损失函数曲线 / 精确度曲线")), curves, warnings::add);
        BufferedImage image = ImageIO.read(curves.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(900, image.getHeight());
        assertTrue(Files.size(curves) > 10_000, "a drawn chart, not a blank page");

        Path hiDpi = dir.resolve("curves-144.png");
        Plots.curves(result(), PlotOptions.of(Map.of("dpi", 144, "width", 400, "height", 200)), hiDpi, warnings::add);
        BufferedImage big = ImageIO.read(hiDpi.toFile());
        assertEquals(800, big.getWidth());
        assertEquals(1200, big.getHeight());

        Path svg = dir.resolve("confusion.svg");
        Plots.confusion(result().test(), Datasets.MNIST.classNames(), PlotOptions.of(Map.of()), svg, warnings::add);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.contains("width=\"640"), "the SVG keeps the chart's size");
    }

    @Test
    void chineseTitlesHaveRealGlyphs() {
        String title = "训练集部分数据 损失函数曲线 精确度曲线 25张测试结果";
        String family = Fonts.family(null, List.of(title), warnings::add);
        assertTrue(warnings.isEmpty(), "a CJK font is installed (bin/mnist-setup installs fonts-wqy-zenhei): " + warnings);
        Font font = new Font(family, Font.PLAIN, 16);
        GlyphVector glyphs = font.createGlyphVector(new FontRenderContext(null, true, true), title);
        for (int i = 0; i < glyphs.getNumGlyphs(); i++) {
            assertNotEquals(font.getMissingGlyphCode(), glyphs.getGlyphCode(i), "glyph " + i + " of '" + title + "' in " + family);
        }
    }

    @Test
    void missingGlyphsWarnInsteadOfFailing() throws IOException {
        String unprintable = new String(Character.toChars(0x10FFFD));
        String family = Fonts.family("No Such Font", List.of(unprintable), warnings::add);
        assertEquals(Font.DIALOG, family);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("no installed font can display"), warnings.get(0));
        warnings.clear();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            captions.add(unprintable + i);
        }
        Fonts.family(null, captions, warnings::add);
        assertEquals("no installed font can display '" + unprintable + "0' and 24 more; some characters will show as"
                + " boxes (install a CJK font, e.g. Debian's fonts-wqy-zenhei)", warnings.get(0), "one line, not 25 captions");
        Path png = dir.resolve("boxes.png");
        Plots.samples(tiles(2), PlotOptions.of(Map.of("title", unprintable)), png, warnings::add);
        assertTrue(Files.size(png) > 0);
    }

    /** The report's headings and a chart's default titles follow the language; the numbers stay as they are. */
    @Test
    void reportAndDefaultTitlesInChinese() throws Exception {
        Messages.use(Messages.CHINESE);
        try {
            ExperimentSpec spec = new ExperimentSpec("plots", DatasetSpec.of("mnist", dir), ExperimentSpec.seedNetwork(),
                    TrainSpec.seedDefaults(), List.of());
            String html = Files.readString(Report.write(dir, spec, Experiment.summarize(spec), result(),
                    tiles(10).classNames(), List.of()));
            assertTrue(html.contains("<html lang=\"zh-CN\">"), html);
            for (String heading : List.of("<h2>概要</h2>", "<h2>超参数</h2>", "<h2>模型</h2>", "<h2>各轮</h2>",
                    "<h2>各类别准确率</h2>", "<th class=\"l\">测试准确率</th><td class=\"l\">90.00 %</td>")) {
                assertTrue(html.contains(heading), heading + " in " + html);
            }
            assertEquals("损失 / 准确率 / 每轮准确率", PlotOptions.DEFAULTS.titleOr(Messages.get("plot.curves")));
            Plots.curves(result(), PlotOptions.DEFAULTS, dir.resolve("curves.png"), warnings::add);
            assertEquals(List.of(), warnings, "a font that draws the Chinese axes was found");
        } finally {
            Messages.use(Messages.ENGLISH);
        }
    }

    @Test
    void reportOpensInHeadlessChromiumWithEveryPicture() throws Exception {
        ExperimentSpec spec = new ExperimentSpec("plots", DatasetSpec.of("mnist", dir), ExperimentSpec.seedNetwork(),
                TrainSpec.seedDefaults(), List.of(
                        PlotSpec.of("samples", "samples.png", Map.of("count", 9, "columns", 3)),
                        PlotSpec.of("curves", "curves.svg", Map.of()),
                        PlotSpec.of("predictions", "predictions.png", Map.of("count", 10)),
                        PlotSpec.of("confusion", "confusion.png", Map.of()),
                        PlotSpec.of("misclassified", "wrong.png", Map.of())));
        ImageSet test = tiles(10);
        List<Path> pictures = Plots.render(spec.plots(), new Plots.Inputs(test, test, result(), UnaryOperator.identity()), dir, warnings::add);
        assertEquals(5, pictures.size());
        ModelSummary summary = Experiment.summarize(spec);
        Path report = Report.write(dir, spec, summary, result(), test.classNames(), pictures);
        String html = Files.readString(report);
        assertTrue(html.contains("<td class=\"l\">1,234</td>"), "parameter count in the summary");
        assertTrue(html.contains("90.00 %"), "test accuracy");

        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString())
                .redirectOutput(dir.resolve("dom.html").toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // The page goes to a file, so the time limit holds even when Chromium hangs without writing.
        boolean finished = chromium.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            chromium.destroyForcibly();
        }
        assertTrue(finished, "Chromium rendered the report within 60 s");
        String dom = Files.readString(dir.resolve("dom.html"));
        assertTrue(dom.contains("data-images-loaded=\"5/5\""), dom.length() > 300 ? dom.substring(0, 300) : dom);
    }
}
