package mnistlab.repl;

import mnistlab.i18n.Messages;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** :layers, :explain and the inspect helpers in a piped session, on the quickstart's untrained model. */
class InspectReplTest {
    @TempDir
    Path tmp;

    @Test
    void layersExplainAndHelpersInGroovyAndJava() throws IOException {
        String out = PipedSession.run(tmp, ":load " + PipedSession.quickstart(tmp) + "\n"
                + ":layers 3\n"
                + ":explain 3\n"
                + "activations(3).collect { it.name() }\n"
                + "activations(image(3))[6].shape()\n"
                + "def logits = activations(3)[9].values(); logits.toList().indexOf(logits.max()) == predict(3).label\n"
                + "filters(3).shape()\n"
                + "[gradCam(3).layer(), gradCam(3, 2).targetClass(), gradCam(3, 2, 0).layer(), saliency(3, 5).targetClass()]\n"
                + "gradCam(3, 2, 7)\n"
                + "saliency(3, 10)\n"
                + "activations()\n"
                + ":explain 10000\n"
                + ":layers abc\n"
                + ":java\n"
                + "inspector.gradCam(inspector.testImage(3)).targetClass() == experiment.predict(test.image(3)).label()\n"
                + ":quit\n", null);
        assertTrue(out.contains("test image 3, label 0\n"), out);
        assertTrue(out.contains("0 conv2d [16, 28, 28]  (first 10 of 16 maps, each scaled to its own range)\n#0 "), out);
        assertTrue(out.contains("6 flatten [1568]\n(1568 values as 128 bars, each the largest of its group)\n"), out);
        assertTrue(out.matches("(?s).*9 linear \\[10]\n   0 +-?\\d+\\.\\d{4}\n.*   9 +-?\\d+\\.\\d{4}\n.*"), out);
        assertTrue(out.matches("(?s).*test image 3: predicted \\d, label 0\n"
                + "picture {23}saliency of (\\d) {17}Grad-CAM of \\1, layer 4\n.*true label: 0.*"), out);
        assertTrue(out.contains("groovy> [conv2d, relu, maxPool, conv2d, relu, maxPool, flatten, linear, relu, linear]\n"), out);
        assertTrue(out.contains("groovy> [1568]\n"), out);
        assertTrue(out.contains("groovy> true\n"), "the last layer's output is what predict classifies: " + out);
        assertTrue(out.contains("groovy> [32, 16, 5, 5]\n"), out);
        assertTrue(out.contains("groovy> [4, 2, 0, 5]\n"), out);
        assertTrue(out.contains("error: layer 7 (linear) gives no feature maps for Grad-CAM (did you mean 5? layers with feature maps: 0 to 5)"), out);
        assertTrue(out.contains("error: class 10 does not exist: the model's classes are 0 to 9 (did you mean 9?)"), out);
        assertTrue(out.contains("error: usage: activations(IMAGE), filters(LAYER)"), out);
        assertTrue(out.contains("error: test image 10000 does not exist: the test set has 10000 images, 0 to 9999 (did you mean 9999?)"), out);
        assertTrue(out.contains("error: :layers takes a whole number I, not 'abc'"), out);
        assertTrue(out.contains("java> true\n"), "Java sees the same inspector: " + out);
    }

    @Test
    void viewsAreTextArtWithoutColoursAndHalfBlocksWithThem() {
        float[] ramp = new float[2 * 28 * 28];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i % 28;
        }
        LayerOutput maps = new LayerOutput(0, "conv2d", new long[] {2, 28, 28}, ramp);
        String plain = new LayerViews(false).layer(maps);
        List<String> lines = plain.lines().toList();
        assertEquals(List.of("0 conv2d [2, 28, 28]", "#0             #1"), lines.subList(0, 2));
        assertEquals("  .:--=+**#%@@   .:--=+**#%@@", lines.get(2), "shrunk to 14 a side, each scaled to its range");
        assertEquals(2 + 7, lines.size(), "two rows a character");
        String colour = new LayerViews(true).layer(maps);
        assertTrue(colour.contains("\u001b[38;5;232;48;5;232m\u2580") && colour.contains("\u001b[38;5;255;48;5;255m\u2580"), colour);

        float[] heat = new float[784];
        heat[14 * 28 + 20] = -2f; // saliency's sign is its direction: the magnitude is drawn
        String saliency = new LayerViews(false).heatmap(new Heatmap(28, 28, heat, 4, -1));
        assertTrue(saliency.startsWith("saliency of 4\n"), saliency);
        assertEquals(' ', saliency.lines().toList().get(1 + 7).charAt(19));
        assertEquals('+', saliency.lines().toList().get(1 + 7).charAt(20), "one of two averaged rows at full magnitude");
    }

    @Test
    void helpAndTitlesInChinese() throws IOException {
        Messages.use(Messages.CHINESE);
        try {
            String out = PipedSession.run(tmp, ":help\n:quit\n", null);
            assertTrue(out.contains(String.format("%-28s %s%n", ":explain I", "测试图像 I 与它的显著图和 Grad-CAM 并排，以及最可能的几个类别")), out);
            assertTrue(new LayerViews(false).heatmap(new Heatmap(28, 28, new float[784], 7, 3)).startsWith("7 的 Grad-CAM，第 3 层\n"));
        } finally {
            Messages.use(Messages.ENGLISH);
        }
    }
}
