package mnistlab.engine;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deskewing on synthetic strokes, where upright and centred are known. */
class DeskewTest {
    private static final int SIZE = 28;

    /** A one-pixel stroke from row 6 to row 21 whose column moves {@code slope} per row. */
    private static float[] stroke(float slope, float column) {
        float[] pixels = new float[SIZE * SIZE];
        for (int r = 6; r <= 21; r++) {
            pixels[r * SIZE + Math.round(column + slope * (r - 13.5f))] = 1f;
        }
        return pixels;
    }

    /** Centre of mass x, y (from the image's centre) and the x-y covariance. */
    private static double[] moments(float[] p) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < p.length; i++) {
            mass += p[i];
            x += p[i] * (i % SIZE - 13.5);
            y += p[i] * (i / SIZE - 13.5);
        }
        x /= mass;
        y /= mass;
        double covariance = 0;
        for (int i = 0; i < p.length; i++) {
            covariance += p[i] * (i % SIZE - 13.5 - x) * (i / SIZE - 13.5 - y);
        }
        return new double[] {x, y, covariance / mass};
    }

    private static float[] deskew(NDManager m, float[]... images) {
        float[] all = new float[images.length * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, all, i * SIZE * SIZE, SIZE * SIZE);
        }
        NDArray out = Deskew.apply(m.create(all, new Shape(images.length, 1, SIZE, SIZE)));
        assertEquals(new Shape(images.length, 1, SIZE, SIZE), out.getShape());
        return out.toFloatArray();
    }

    @Test
    void aSlantedStrokeStandsUprightAtTheCentre() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] slanted = stroke(0.5f, 17);
            double[] before = moments(slanted);
            assertTrue(before[2] > 5, "the stroke is slanted: covariance " + before[2]);
            double[] after = moments(deskew(m, slanted));
            assertEquals(0, after[2], 0.2, "covariance after");
            assertEquals(0, after[0], 0.2, "centre x after");
            assertEquals(0, after[1], 0.2, "centre y after");
        }
    }

    @Test
    void eachImageOfABatchGetsItsOwnShearAndAnEmptyOneStaysEmpty() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] out = deskew(m, stroke(-0.4f, 12), new float[SIZE * SIZE], stroke(0f, 13.5f));
            float[] first = new float[SIZE * SIZE];
            float[] empty = new float[SIZE * SIZE];
            float[] upright = new float[SIZE * SIZE];
            System.arraycopy(out, 0, first, 0, first.length);
            System.arraycopy(out, first.length, empty, 0, empty.length);
            System.arraycopy(out, 2 * first.length, upright, 0, upright.length);
            assertEquals(0, moments(first)[2], 0.2);
            for (float p : empty) {
                assertEquals(0f, p, "an empty image gains nothing, and no NaN");
            }
            // An upright stroke half a column right of the centre moves there, split over two columns.
            double[] moved = moments(upright);
            assertEquals(0, moved[0], 1e-3);
            assertEquals(0, moved[2], 1e-3);
            assertEquals(0.5f, upright[10 * SIZE + 13], 1e-5);
            assertEquals(0.5f, upright[10 * SIZE + 14], 1e-5);
        }
    }

    @Test
    void onlyTheDeskewedImagesStayInTheManagerOfThePixels() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray pixels = m.create(stroke(0.3f, 15), new Shape(1, 1, SIZE, SIZE));
            int before = ((BaseNDManager) m).getManagedArrays().size();
            NDArray out = Deskew.apply(pixels);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size());
            assertTrue(((BaseNDManager) m).getManagedArrays().contains(out));
        }
    }

    @Test
    void anEmptyBatchStaysEmpty() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertEquals(new Shape(0, 1, SIZE, SIZE), Deskew.apply(m.zeros(new Shape(0, 1, SIZE, SIZE))).getShape());
        }
    }

    @Test
    void largeBatchesAreDeskewedChunkByChunkAsOneBatchWouldBe() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[][] images = new float[5000][];
            for (int i = 0; i < images.length; i++) {
                images[i] = stroke((i % 9 - 4) / 10f, 10 + i % 8);
            }
            float[] together = deskew(m, images);
            float[] last = deskew(m, images[images.length - 1]);
            for (int p = 0; p < last.length; p++) {
                assertEquals(last[p], together[(images.length - 1) * SIZE * SIZE + p], 1e-5);
            }
        }
    }
}
