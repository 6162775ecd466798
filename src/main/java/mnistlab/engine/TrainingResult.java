package mnistlab.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of training: per-epoch metrics, the every-N-batches history, the final test
 * evaluation (null when cancelled before any epoch ended), where the run was written, and the
 * epoch whose parameters the model holds (the last, or the best by validation with keepBest or
 * patience; 0 before any epoch).
 */
public record TrainingResult(String experiment, String device, long parameters, List<EpochMetrics> epochs,
                             List<HistoryPoint> history, Evaluation test, boolean cancelled, Path runDir,
                             int keptEpoch) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
        history = List.copyOf(history);
    }
}
