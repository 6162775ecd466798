package mnistlab.result;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of training: per-epoch metrics, the every-N-batches history, the final test
 * evaluation (null when cancelled before any epoch ended), where the run was written, and the
 * epoch whose parameters the model holds (the last, or the best by validation with keepBest or
 * patience; 0 before any epoch).
 *
 * @param experiment the experiment's name
 * @param device     where it trained
 * @param parameters the model's parameter count
 * @param epochs     each epoch's figures
 * @param history    the records every {@code recordEvery} batches
 * @param test       the last test evaluation, or null
 * @param cancelled  whether training was stopped before its last epoch
 * @param runDir     the run folder, or null when trained in memory
 * @param keptEpoch  the epoch whose parameters the model holds
 */
public record TrainingResult(String experiment, String device, long parameters, List<EpochMetrics> epochs,
                             List<HistoryPoint> history, Evaluation test, boolean cancelled, Path runDir,
                             int keptEpoch) {

    /**
     * Copies the lists.
     * @param experiment the experiment's name
     * @param device where it trained
     * @param parameters the model's parameter count
     * @param epochs each epoch's figures
     * @param history the records every {@code recordEvery} batches
     * @param test the last test evaluation, or null
     * @param cancelled whether training was stopped before its last epoch
     * @param runDir the run folder, or null when trained in memory
     * @param keptEpoch the epoch whose parameters the model holds
     */
    public TrainingResult {
        epochs = List.copyOf(epochs);
        history = List.copyOf(history);
    }
}
