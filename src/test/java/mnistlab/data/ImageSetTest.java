package mnistlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageSetTest {
    private static final List<String> CLASSES = Datasets.MNIST.classNames();

    /** n 2x2 images whose four pixels all equal index/100, labelled index % 10. */
    private static ImageSet numbered(int n) {
        float[] pixels = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 4, i * 4 + 4, i / 100f);
            labels[i] = i % 10;
        }
        return ImageSet.of(pixels, labels, 2, 2, CLASSES);
    }

    @Test
    void fromIdxScalesBytesToUnitRange() throws Exception {
        IdxArray images = IdxArray.ofUnsignedBytes(new byte[] {0, (byte) 255, (byte) 128, 51}, 1, 2, 2);
        IdxArray labels = IdxArray.ofUnsignedBytes(new byte[] {7}, 1);
        ImageSet set = ImageSet.fromIdx(images, null, labels, null, CLASSES);
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 0.2f}, set.image(0), 1e-6f);
        assertEquals(7, set.label(0));
    }

    @Test
    void limitKeepsTheFirstItems() {
        ImageSet set = numbered(30).limit(12);
        assertEquals(12, set.size());
        assertEquals(1, set.label(11));
        assertArrayEquals(new int[] {2, 2, 1, 1, 1, 1, 1, 1, 1, 1}, set.histogram());
        assertThrows(IllegalArgumentException.class, () -> set.limit(-1));
    }

    @Test
    void shufflingIsFixedBySeedAndKeepsPairs() {
        ImageSet a = numbered(50).shuffled(42);
        ImageSet b = numbered(50).shuffled(42);
        ImageSet c = numbered(50).shuffled(43);
        assertArrayEquals(a.labels(), b.labels());
        assertNotEquals(Arrays.toString(a.labels()), Arrays.toString(c.labels()));
        for (int i = 0; i < a.size(); i++) {
            int original = Math.round(a.image(i)[0] * 100);
            assertEquals(original % 10, a.label(i), "image and label move together");
        }
        assertArrayEquals(numbered(50).histogram(), a.histogram());
    }

    @Test
    void mismatchedArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.of(new float[7], new int[2], 2, 2, CLASSES));
        assertEquals("2 labels of 2x2 images need 8 pixels, got 7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageSet.of(new float[4], new int[] {10}, 2, 2, CLASSES));
    }

    @Test
    void djlDatasetBatchesLiveOnTheManagersDevice() throws Exception {
        ImageSet set = numbered(10);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = set.toDataset(manager, 4, false);
            assertEquals(10, dataset.size());
            int batches = 0;
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    NDArray x = batch.getData().singletonOrThrow();
                    NDArray y = batch.getLabels().singletonOrThrow();
                    assertEquals(manager.getDevice(), x.getDevice());
                    assertEquals(DataType.FLOAT32, x.getDataType());
                    assertEquals(DataType.INT64, y.getDataType());
                    if (batches == 0) {
                        assertEquals(new Shape(4, 1, 2, 2), x.getShape());
                        assertArrayEquals(new long[] {0, 1, 2, 3}, y.toLongArray());
                    }
                    batches++;
                }
            }
            assertEquals(3, batches);
        }
    }
}
