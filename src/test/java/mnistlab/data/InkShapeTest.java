package mnistlab.data;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link InkShape} takes for strokes: every MNIST digit; almost no static of any size or density. */
class InkShapeTest {

    @Test
    void everyMnistDigitIsStrokes() throws IOException {
        MnistData.Splits mnist = MnistData.load(Datasets.MNIST, TestData.mnistRoot(), false);
        List<String> refused = new ArrayList<>();
        for (ImageSet set : List.of(mnist.train(), mnist.test())) {
            for (int i = 0; i < set.size(); i++) {
                if (!InkShape.isStrokes(set.image(i), 28, 28)) {
                    refused.add(i + " of " + set.size());
                }
            }
        }
        assertEquals(List.of(), refused);
    }

    /**
     * Black-and-white static at densities from a dot in ten to one in two, and grey static, from
     * MNIST's own 28x28 to 100x100 (what is fitted into 20x20 is averaged). Before the check on
     * pieces and holes 515 of these 1,120 pictures were taken for digits.
     */
    @Test
    void staticIsNoDigit() {
        Random random = new Random(1);
        int pictures = 0;
        List<String> passed = new ArrayList<>();
        for (int size : new int[] {20, 28, 36, 44, 52, 56, 64, 100}) {
            for (double density : new double[] {0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5}) {
                for (int trial = 0; trial < 20; trial++) {
                    BufferedImage picture = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int grey = density == 0.5 && trial % 2 == 1 ? random.nextInt(256) : random.nextDouble() < density ? 255 : 0;
                            picture.getRaster().setSample(x, y, 0, grey);
                        }
                    }
                    pictures++;
                    try {
                        DigitImages.digit(picture, 28, 28);
                        passed.add(size + "x" + size + " at " + density);
                    } catch (NoDigitException refusedAsNoDigit) {
                        // the point
                    }
                }
            }
        }
        assertTrue(passed.size() <= pictures / 50, passed.size() + " of " + pictures + " taken for digits: " + passed);
    }

    @Test
    void aDigitWithAFewSpecksIsStillOne() {
        BufferedImage eight = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int a = 0; a < 360; a += 2) {
            double t = Math.toRadians(a);
            eight.getRaster().setSample(14 + (int) Math.round(4 * Math.cos(t)), 9 + (int) Math.round(4 * Math.sin(t)), 0, 255);
            eight.getRaster().setSample(14 + (int) Math.round(5 * Math.cos(t)), 19 + (int) Math.round(5 * Math.sin(t)), 0, 255);
        }
        for (int[] speck : new int[][] {{2, 3}, {25, 4}, {3, 24}, {24, 25}, {6, 14}}) {
            eight.getRaster().setSample(speck[0], speck[1], 0, 255);
        }
        assertEquals(28 * 28, DigitImages.digit(eight, 28, 28).length, "two loops and five specks: 7 pieces and holes");
        BufferedImage sieve = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 4; y < 24; y++) {
            for (int x = 4; x < 24; x++) {
                sieve.getRaster().setSample(x, y, 0, x % 3 == 0 && y % 3 == 0 ? 0 : 255);
            }
        }
        assertThrows(NoDigitException.class, () -> DigitImages.digit(sieve, 28, 28), "a grid of 36 holes is no digit");
    }
}
