package mnistlab.engine;

import mnistlab.result.EpochMetrics;
import mnistlab.result.HistoryPoint;
import mnistlab.result.TrainingResult;

import java.util.ArrayList;
import java.util.List;

/** What training has done so far in one experiment: finished epochs, optimizer steps, metrics and history. */
final class TrainingState {
    private int epochsDone;
    private int updatesDone;
    private int keptEpoch;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final List<HistoryPoint> history = new ArrayList<>();

    int epochsDone() {
        return epochsDone;
    }

    int updatesDone() {
        return updatesDone;
    }

    /** The epoch whose parameters the model holds: the last, or the best by validation when one was kept. */
    int keptEpoch() {
        return keptEpoch == 0 ? epochsDone : keptEpoch;
    }

    void kept(int epoch) {
        keptEpoch = epoch;
    }

    List<EpochMetrics> epochs() {
        return epochs;
    }

    List<HistoryPoint> history() {
        return history;
    }

    void record(HistoryPoint point) {
        history.add(point);
    }

    /** An unfinished epoch is neither checkpointed nor kept in the history. */
    void abandon(int epoch) {
        history.removeIf(h -> h.epoch() == epoch);
    }

    void epochFinished(EpochMetrics metrics, int updates) {
        epochs.add(metrics);
        epochsDone++;
        updatesDone = updates;
        keptEpoch = 0;
    }

    /** A checkpoint's position and the metrics written up to it (later records, from an unfinished epoch, are dropped). */
    void restore(int epochs, int updates, TrainingResult sofar) {
        epochsDone = epochs;
        updatesDone = updates;
        if (sofar != null) {
            sofar.epochs().stream().filter(e -> e.epoch() <= epochs).forEach(this.epochs::add);
            sofar.history().stream().filter(h -> h.epoch() <= epochs).forEach(history::add);
        }
    }
}
