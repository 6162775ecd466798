package mnistlab.engine;

/**
 * Observes training: progress displays, plots, the REPL and embedding applications. Calls come
 * on the training thread; {@link #onBatch} comes every batch and must be cheap.
 */
public interface TrainingListener {

    /** Training starts (or resumes) at {@code firstEpoch} of {@code epochs}. */
    default void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
    }

    default void onBatch(int epoch, int batch) {
    }

    default void onRecord(HistoryPoint point) {
    }

    default void onEpoch(EpochMetrics metrics) {
    }

    default void onEnd(TrainingResult result) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
