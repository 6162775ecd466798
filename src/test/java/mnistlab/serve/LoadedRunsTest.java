package mnistlab.serve;

import mnistlab.result.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadedRunsTest {
    @TempDir
    Path tmp;

    /**
     * An inspection holds its run until it is done (a client can ask for one after another);
     * predictions of the same run are answered meanwhile. With one lock for both, the prediction
     * below waited for the inspection to be released and the bound ran out.
     */
    @Test
    void predictionsDoNotWaitForAnInspection() throws Exception {
        Path run = TrainedRuns.trainOne(tmp.resolve("runs"));
        CountDownLatch inspecting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LoadedRuns loaded = new LoadedRuns()) {
            Future<Map<String, Object>> inspection = threads.submit(() -> loaded.inspect(run, inspector -> {
                inspecting.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of("layers", inspector.defaultGradCamLayer());
            }));
            try {
                assertTrue(inspecting.await(120, TimeUnit.SECONDS), "the inspection started");
                Future<Prediction> prediction = threads.submit(() -> loaded.classifier(run).predict(new float[28 * 28]));
                Prediction answered = prediction.get(120, TimeUnit.SECONDS);
                assertEquals(10, answered.probabilities().length);
                assertEquals(1, release.getCount(), "answered while the inspection still held its run");
            } finally {
                release.countDown(); // else closing would wait for the inspection for ever
            }
            assertTrue(inspection.get(120, TimeUnit.SECONDS).containsKey("layers"));
        } finally {
            threads.shutdownNow();
        }
    }
}
