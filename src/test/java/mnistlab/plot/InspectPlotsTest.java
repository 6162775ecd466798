package mnistlab.plot;

import mnistlab.TestData;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Heatmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspection pictures drawn from a real (untrained) model: their layout, their colours from the model's own answers, and their warnings. */
class InspectPlotsTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private static Experiment experiment() throws IOException {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        List<LayerSpec> layers = List.of(new LayerSpec.Conv2d(4, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Conv2d(6, 3, 1, 1), relu, new LayerSpec.Flatten(), new LayerSpec.Linear(10));
        return Experiment.create(new ExperimentSpec("inspect", DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(100, 30),
                layers, TrainSpec.seedDefaults().withDevice("cpu").withSeed(5), List.of()));
    }

    private List<Path> render(Experiment exp, String kind, String file, Map<String, ?> options) throws IOException {
        return Plots.render(List.of(PlotSpec.of(kind, file, options)), exp.plotInputs(exp.soFar(exp.evaluate())), dir,
                warnings::add);
    }

    @Test
    void featureMapsFiltersAndHeatMapsAreLaidOutAndColouredFromTheModel() throws IOException {
        try (Experiment exp = experiment()) {
            render(exp, "featureMaps", "maps.png", Map.of("images", List.of(0, 7), "count", 3));
            BufferedImage maps = ImageIO.read(dir.resolve("maps.png").toFile());
            assertEquals(4 * (84 + 4) + 4, maps.getWidth(), "the image and 3 maps a row");
            assertEquals(32 + 2 * (84 + 18 + 4) + 4, maps.getHeight(), "a title, then a row an image");

            render(exp, "filters", "kernels.png", Map.of());
            BufferedImage kernels = ImageIO.read(dir.resolve("kernels.png").toFile());
            assertEquals(4 * (84 + 4) + 4, kernels.getWidth(), "the first conv layer's 4 kernels of one channel");

            render(exp, "gradCam", "cam.png", Map.of("images", List.of(3)));
            float[] pixels = exp.testSet().image(3);
            Heatmap cam = exp.inspector().gradCamAt(pixels, 4);
            int hottest = 0;
            for (int i = 1; i < 784; i++) {
                hottest = cam.values()[i] > cam.values()[hottest] ? i : hottest;
            }
            BufferedImage picture = ImageIO.read(dir.resolve("cam.png").toFile());
            int x = 4 + (hottest % 28) * 3 + 1;
            int y = 32 + 4 + (hottest / 28) * 3 + 1;
            assertEquals(0xffff00, picture.getRGB(x, y) & 0xffffff, "yellow where the map after the last conv layer's ReLU peaks");

            render(exp, "saliency", "saliency.png", Map.of("images", List.of(3, 999)));
            assertEquals(List.of("saliency.png: test image 999 left out, the test set has 30"), warnings);
            assertEquals(84 + 2 * 4, ImageIO.read(dir.resolve("saliency.png").toFile()).getWidth());

            warnings.clear();
            assertEquals(List.of(), Plots.render(List.of(PlotSpec.of("gradCam", "mistakes.png", Map.of("misclassified", 4))),
                    exp.plotInputs(exp.soFar(null)), dir, warnings::add));
            assertEquals(List.of("mistakes.png: misclassified: needs the test set's evaluation; nothing drawn"), warnings);
            assertFalse(Files.exists(dir.resolve("mistakes.png")));
            render(exp, "gradCam", "mistakes.png", Map.of("misclassified", 4));
            assertEquals(4 * (84 + 4) + 4, ImageIO.read(dir.resolve("mistakes.png").toFile()).getWidth(),
                    "an untrained model makes more than 4 mistakes in 30");
        }
    }

    @Test
    void titlesInChineseWithAFontThatDrawsThem() throws IOException {
        Messages.use(Messages.CHINESE);
        try (Experiment exp = experiment()) {
            render(exp, "featureMaps", "maps.svg", Map.of("images", List.of(0)));
            render(exp, "gradCam", "cam.svg", Map.of("images", List.of(0)));
            assertEquals(List.of(), warnings, "a font that draws the titles was found");
            assertTrue(Files.readString(dir.resolve("maps.svg")).contains(">第 0 层（conv2d）的特征图，每张按自身范围缩放</text>"));
            assertTrue(Files.readString(dir.resolve("cam.svg")).contains(">第 4 层上预测类别的 Grad-CAM：网络看的地方</text>"));
        } finally {
            Messages.use(Messages.ENGLISH);
        }
    }
}
