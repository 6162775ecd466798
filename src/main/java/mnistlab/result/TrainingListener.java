package mnistlab.result;

import java.util.List;

/**
 * Observes training, as DJL's listeners do: checkpoints and metrics files, native-heap trimming,
 * progress displays, plots and the run report, the REPL and embedding applications. Calls come on
 * the training thread; {@link #onBatch} comes every batch and must be cheap.
 */
public interface TrainingListener {

    /**
     * Training starts (or resumes) at {@code firstEpoch} of {@code epochs}.
     * @param device where it runs, as DJL names it
     * @param firstEpoch the first epoch to train, from 1
     * @param epochs the last epoch
     * @param batchesPerEpoch batches in an epoch
     * @param batchSize images in a batch
     */
    default void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
    }

    /**
     * A batch was trained.
     * @param epoch the epoch, from 1
     * @param batch the batch in it, from 1
     */
    default void onBatch(int epoch, int batch) {
    }

    /**
     * Loss and running accuracy, every {@code recordEvery} batches.
     * @param point what was recorded
     */
    default void onRecord(HistoryPoint point) {
    }

    /**
     * An epoch ended and was evaluated.
     * @param metrics its figures
     */
    default void onEpoch(EpochMetrics metrics) {
    }

    /**
     * The model holds the parameters of {@code epoch} again, the best by validation (keepBest,
     * early stopping), after the last epoch was reported.
     * @param epoch the epoch kept
     */
    default void onRestored(int epoch) {
    }

    /**
     * Training ended, finished or cancelled.
     * @param result what it did
     */
    default void onEnd(TrainingResult result) {
    }

    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Every listener in order, as one.
     * @param listeners the listeners
     * @return one listener calling them all
     */
    static TrainingListener all(List<TrainingListener> listeners) {
        List<TrainingListener> each = List.copyOf(listeners);
        return new TrainingListener() {
            @Override
            public void onStart(String device, int firstEpoch, int epochs, int batchesPerEpoch, int batchSize) {
                each.forEach(l -> l.onStart(device, firstEpoch, epochs, batchesPerEpoch, batchSize));
            }

            @Override
            public void onBatch(int epoch, int batch) {
                for (TrainingListener l : each) {
                    l.onBatch(epoch, batch);
                }
            }

            @Override
            public void onRecord(HistoryPoint point) {
                each.forEach(l -> l.onRecord(point));
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                each.forEach(l -> l.onEpoch(metrics));
            }

            @Override
            public void onRestored(int epoch) {
                each.forEach(l -> l.onRestored(epoch));
            }

            @Override
            public void onEnd(TrainingResult result) {
                each.forEach(l -> l.onEnd(result));
            }
        };
    }
}
