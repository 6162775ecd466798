package mnistlab.cli;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/mnist-bench's figures: one {@code name: value} line each, on a short real-MNIST run. */
class BenchCommandTest {

    private static Map<String, String> bench(String... args) {
        Invocation run = Invocation.of(new CommandLine(new BenchCommand()), args);
        assertEquals(0, run.exit(), run.err());
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : run.out().split("\n")) {
            int colon = line.indexOf(": ");
            assertTrue(colon > 0, "not a name: value line: " + line);
            figures.put(line.substring(0, colon), line.substring(colon + 2).trim());
        }
        return figures;
    }

    @Test
    void severalSeedsReportEachRunAndTheirSpread() throws Exception {
        Map<String, String> f = bench("--root", TestData.mnistRoot().toString(), "--batches", "4", "--warmup", "1",
                "--seeds", "1,2");
        double first = Double.parseDouble(f.get("seed_1_epoch_1_test_accuracy"));
        double second = Double.parseDouble(f.get("seed_2_epoch_1_test_accuracy"));
        double mean = Double.parseDouble(f.get("epoch_1_test_accuracy_mean"));
        double sd = Double.parseDouble(f.get("epoch_1_test_accuracy_sd"));
        assertEquals((first + second) / 2, mean, 1e-4, f.toString());
        assertEquals(Math.abs(first - second) / Math.sqrt(2), sd, 1e-4, f.toString());
        assertEquals(Math.min(first, second), Double.parseDouble(f.get("epoch_1_test_accuracy_min")), 1e-9);
        assertEquals(Math.max(first, second), Double.parseDouble(f.get("epoch_1_test_accuracy_max")), 1e-9);
        assertEquals("800", f.get("train_images"), "4 batches of 100, twice");
        assertTrue(Double.parseDouble(f.get("train_img_per_s")) > 0, f.toString());
        assertTrue(Double.parseDouble(f.get("infer_10k_seconds")) > 0, f.toString());
        long peak = Long.parseLong(f.get("peak_rss_mb"));
        for (int epoch = 1; epoch <= 2; epoch++) { // one epoch per seed
            long after = Long.parseLong(f.get("rss_after_epoch_" + epoch + "_mb"));
            long epochPeak = Long.parseLong(f.get("peak_rss_epoch_" + epoch + "_mb"));
            assertTrue(after > 0 && after <= epochPeak && epochPeak <= peak, f.toString());
        }
    }
}
