package mnistlab.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import mnistlab.result.EpochMetrics;
import mnistlab.result.HistoryPoint;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training as the page follows it: a listener that turns the training's events into JSON
 * messages, keeps every one (a page that connects late or reloads is sent them all again) and
 * hands them to whoever waits. Progress (images per second, time left) is sent at most twice a
 * second; records and epochs as they happen.
 */
public final class LiveTraining implements TrainingListener {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final long PROGRESS_NANOS = 500_000_000L;

    private final List<String> events = new ArrayList<>();
    private final Runnable stop;
    private int firstEpoch;
    private int lastEpoch;
    private int batchesPerEpoch;
    private int batchSize;
    private long startNanos;
    private long lastProgressNanos;
    private long batchesDone;
    private boolean ended;

    /**
     * {@code stop} asks the training to stop at its next batch (the page's stop button).
     * @param stop what the stop button runs
     */
    public LiveTraining(Runnable stop) {
        this.stop = stop;
    }

    void stop() {
        stop.run();
    }

    /** Messages from {@code from} on, waiting up to {@code millis} for one when there is none yet. */
    synchronized List<String> since(int from, long millis) throws InterruptedException {
        if (from >= events.size() && !ended) {
            wait(millis);
        }
        return from >= events.size() ? List.of() : List.copyOf(events.subList(from, events.size()));
    }

    private synchronized void add(String type, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.putAll(data);
        events.add(GSON.toJson(event));
        notifyAll();
    }

    @Override
    public void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
        synchronized (this) {
            this.firstEpoch = firstEpoch;
            this.lastEpoch = epochs;
            this.batchesPerEpoch = batchesPerEpoch;
            this.batchSize = batchSize;
            this.startNanos = System.nanoTime();
            this.batchesDone = 0;
            this.ended = false;
        }
        add("start", Map.of("device", device, "firstEpoch", firstEpoch, "epochs", epochs,
                "batchesPerEpoch", batchesPerEpoch, "batchSize", batchSize));
    }

    @Override
    public void onBatch(int epoch, int batch) {
        long now = System.nanoTime();
        Map<String, Object> progress;
        synchronized (this) {
            batchesDone++;
            if (now - lastProgressNanos < PROGRESS_NANOS) {
                return;
            }
            lastProgressNanos = now;
            double seconds = (now - startNanos) / 1e9;
            long total = (long) (lastEpoch - firstEpoch + 1) * batchesPerEpoch;
            progress = new LinkedHashMap<>();
            progress.put("epoch", epoch);
            progress.put("batch", batch);
            progress.put("imagesPerSecond", batchesDone * batchSize / Math.max(seconds, 1e-9));
            progress.put("secondsLeft", seconds / batchesDone * Math.max(0, total - batchesDone));
        }
        add("progress", progress);
    }

    @Override
    public void onRecord(HistoryPoint point) {
        add("record", Map.of("epoch", point.epoch(), "batch", point.batch(), "samplesSeen", point.samplesSeen(),
                "loss", point.loss(), "accuracy", point.accuracy()));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        Map<String, Object> epoch = new LinkedHashMap<>(Map.of("epoch", m.epoch(), "loss", m.loss(),
                "trainAccuracy", m.trainAccuracy(), "testAccuracy", m.testAccuracy(), "seconds", m.seconds(),
                "imagesPerSecond", m.imagesPerSecond()));
        if (m.validated()) { // left out rather than NaN, which JSON lacks
            epoch.put("validationAccuracy", m.validationAccuracy());
        }
        add("epoch", epoch);
    }

    @Override
    public void onEnd(TrainingResult result) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("cancelled", result.cancelled());
        end.put("testAccuracy", result.test() == null ? null : result.test().accuracy());
        end.put("runDir", result.runDir() == null ? null : result.runDir().getFileName().toString());
        add("end", end);
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }
}
