package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeHeapTest {

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.split("\\s+")[1]) / 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    @Test
    void freedTensorMemoryGoesBackToTheKernel() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> blocks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                blocks.add(manager.ones(new Shape(2_000_000))); // 8 MB each, pages touched
            }
            // A live block above the others, so glibc cannot give them back by shrinking its top.
            NDArray live = manager.ones(new Shape(2_000_000));
            blocks.forEach(NDArray::close);
            long before = rssMb();
            NativeHeap.trim();
            long after = rssMb();
            assertTrue(before - after >= 200, "320 MB freed, RSS " + before + " -> " + after + " MB");
            assertEquals(2_000_000f, live.sum().getFloat(), "the block still in use is intact after the trim");
        }
    }
}
