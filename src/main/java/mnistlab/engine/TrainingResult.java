package mnistlab.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of training: per-epoch metrics, the every-N-batches history, the final test
 * evaluation (null when cancelled before any epoch ended), and where the run was written.
 */
public record TrainingResult(String experiment, String device, long parameters, List<EpochMetrics> epochs,
                             List<HistoryPoint> history, Evaluation test, boolean cancelled, Path runDir) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
        history = List.copyOf(history);
    }
}
