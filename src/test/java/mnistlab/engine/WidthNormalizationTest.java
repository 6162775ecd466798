package mnistlab.engine;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Width normalisation on synthetic bars, whose width and place after are known. */
class WidthNormalizationTest {
    private static final int SIZE = 28;

    /** Ink in columns {@code first}..{@code last} of rows 6 to 21. */
    private static float[] bar(int first, int last) {
        float[] pixels = new float[SIZE * SIZE];
        for (int r = 6; r <= 21; r++) {
            Arrays.fill(pixels, r * SIZE + first, r * SIZE + last + 1, 1f);
        }
        return pixels;
    }

    /** The first and last column, and the first and last row, holding a pixel of at least 0.5. */
    private static int[] extent(float[] pixels, int image) {
        int[] box = {SIZE, -1, SIZE, -1};
        for (int i = 0; i < SIZE * SIZE; i++) {
            if (pixels[image * SIZE * SIZE + i] >= 0.5f) {
                box[0] = Math.min(box[0], i % SIZE);
                box[1] = Math.max(box[1], i % SIZE);
                box[2] = Math.min(box[2], i / SIZE);
                box[3] = Math.max(box[3], i / SIZE);
            }
        }
        return box;
    }

    private static float[] normalize(NDManager m, int width, float[]... images) {
        float[] all = new float[images.length * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, all, i * SIZE * SIZE, SIZE * SIZE);
        }
        NDArray out = WidthNormalization.apply(m.create(all, new Shape(images.length, 1, SIZE, SIZE)), width);
        assertEquals(new Shape(images.length, 1, SIZE, SIZE), out.getShape());
        return out.toFloatArray();
    }

    @Test
    void aNarrowBarIsStretchedAndAWideOneSqueezedToTheWidthEachCentredAtItsOwnScale() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] out = normalize(m, 12, bar(2, 4), bar(4, 23));
            // Three columns at the left edge become twelve in the middle: 8..19 around 13.5.
            assertArrayEquals(new int[] {8, 19, 6, 21}, extent(out, 0));
            // Twenty become twelve (give or take the column bilinear sampling halves), rows unchanged.
            int[] squeezed = extent(out, 1);
            assertEquals(12, squeezed[1] - squeezed[0] + 1, 1);
            assertEquals(13.5, (squeezed[0] + squeezed[1]) / 2.0, 0.5);
            assertEquals(6, squeezed[2]);
            assertEquals(21, squeezed[3]);
        }
    }

    @Test
    void anEmptyImageStaysEmptyAndFaintSpecksDoNotWidenADigit() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] specked = bar(12, 14);
            specked[3 * SIZE + 1] = 0.05f;
            specked[25 * SIZE + 26] = 0.05f;
            float[] out = normalize(m, 12, new float[SIZE * SIZE], specked);
            for (int i = 0; i < SIZE * SIZE; i++) {
                assertEquals(0f, out[i], "an empty image gains nothing, and no NaN");
            }
            assertArrayEquals(new int[] {8, 19, 6, 21}, extent(out, 1));
        }
    }

    @Test
    void onlyTheNormalizedImagesStayInTheManagerOfThePixels() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray pixels = m.create(bar(12, 14), new Shape(1, 1, SIZE, SIZE));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray out = WidthNormalization.apply(pixels, 16);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size());
            assertTrue(((BaseNDManager) m).getManagedArrays().contains(out));
        }
    }

    @Test
    void anEmptyBatchStaysEmpty() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertEquals(new Shape(0, 1, SIZE, SIZE), WidthNormalization.apply(m.zeros(new Shape(0, 1, SIZE, SIZE)), 16).getShape());
        }
    }
}
