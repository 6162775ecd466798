package mnistlab.engine;

import mnistlab.DigitPhotos;
import mnistlab.TestData;
import mnistlab.data.DigitImages;
import mnistlab.data.ImageSet;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Digits as people photograph them (enlarged, off-centre, dark ink on a light, noisy, tinted
 * ground) are prepared as MNIST was made and recognised about as well as MNIST's own images.
 */
class PhotographedDigitsTest {
    private static final int IMAGES = 1000;

    @Test
    void mnistsOwnImagesPassUnchanged() {
        float[] pixels = new float[28 * 28];
        pixels[14 * 28 + 14] = 1f;
        pixels[15 * 28 + 14] = 0.5f;
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(14, 14, 0, 255);
        image.getRaster().setSample(14, 15, 0, 128);
        float[] back = DigitImages.toMnist(image, 28, 28);
        assertEquals(1f, back[14 * 28 + 14]);
        assertEquals(128 / 255f, back[15 * 28 + 14], 1e-6f);
        assertArrayEquals(new float[28 * 28], DigitImages.toMnist(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB), 28, 28),
                "a picture without ink is an empty digit");
    }

    @Test
    void photographedDigitsAreRecognisedAsWellAsMnistsOwn() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder("photos").mnist(TestData.mnistRoot()).limits(10_000, IMAGES)
                .conv2d(16, c -> c.kernel(5).padding(2)).relu().maxPool(2).flatten().linear(128).relu().linear(10)
                .train(t -> t.withEpochs(1).withBatchSize(50).withOptimizer(OptimizerSpec.adam(3e-3f)).withDevice("cpu"))
                .build();
        try (Experiment exp = Experiment.create(spec)) {
            exp.train(1);
            ImageSet test = exp.testSet();
            Random noise = new Random(7);
            int original = 0;
            int photographed = 0;
            for (int i = 0; i < test.size(); i++) {
                original += exp.predict(test.image(i)).label() == test.label(i) ? 1 : 0;
                BufferedImage photo = DigitPhotos.photograph(test.image(i), i, noise);
                float[] prepared = DigitImages.toMnist(photo, 28, 28);
                int[] box = inkBox(prepared);
                assertTrue(box[2] - box[0] <= 20 && box[3] - box[1] <= 20, "fits MNIST's 20x20 box: image " + i);
                photographed += exp.predict(photo).label() == test.label(i) ? 1 : 0;
            }
            double a = 100.0 * original / test.size();
            double b = 100.0 * photographed / test.size();
            assertTrue(a > 90, "the model learned: " + a + " %");
            assertTrue(Math.abs(a - b) <= 1.0, "MNIST's images " + a + " %, photographed " + b + " %");
        }
    }

    private static int[] inkBox(float[] pixels) {
        int x0 = 28;
        int y0 = 28;
        int x1 = 0;
        int y1 = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] > 0.05f) {
                x0 = Math.min(x0, i % 28);
                y0 = Math.min(y0, i / 28);
                x1 = Math.max(x1, i % 28 + 1);
                y1 = Math.max(y1, i / 28 + 1);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }
}
