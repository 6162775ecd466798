package mnistlab.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitImagesTest {

    /** 44 pixels fitted into 20 is a scale of 2.2, and 19 * 2.2 + 2.2 comes out a hair above 44. */
    @Test
    void inkReachingThePicturesLastRowAndColumnIsPrepared() {
        for (int side : new int[] {44, 33, 77, 110}) {
            BufferedImage picture = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < side; i++) {
                for (int t = 0; t < Math.max(2, side / 9); t++) {
                    picture.getRaster().setSample(side / 2 + t, i, 0, 255); // a stem from top to bottom
                    picture.getRaster().setSample(i, side - 1 - t, 0, 255); // a foot along the bottom edge
                }
            }
            float[] digit = DigitImages.digit(picture, 28, 28);
            assertEquals(28 * 28, digit.length);
            float ink = 0;
            for (float p : digit) {
                ink += p;
            }
            assertTrue(ink > 20, side + "x" + side + ": the stem and foot are there, " + ink);
        }
    }
}
