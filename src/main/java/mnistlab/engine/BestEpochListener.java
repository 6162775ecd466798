package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingListener;

import java.util.List;

/**
 * A training listener that keeps a copy, on the device, of the parameters of the epoch with the
 * best validation accuracy, and stops training when {@code patience} epochs bring none better
 * (Keras's EarlyStopping with restore_best_weights; the stop as DJL's EarlyStoppingListener's).
 * The final model is chosen by validation, never by test. Copies cost the parameters' size once
 * (13 MB for the seed network).
 */
final class BestEpochListener implements TrainingListener, AutoCloseable {
    private final List<Parameter> parameters;
    private final NDManager copies;
    private final int patience;
    private NDArray[] best;
    private int bestEpoch;
    private float bestAccuracy = Float.NEGATIVE_INFINITY;

    /** {@code patience}: epochs without a better validation accuracy before training stops; 0 never. */
    BestEpochListener(List<Parameter> parameters, NDManager parent, int patience) {
        this.parameters = List.copyOf(parameters);
        this.copies = parent.newSubManager();
        this.patience = patience;
    }

    /**
     * Keeps the epoch's parameters when its validation accuracy beats every earlier epoch's;
     * stops training when {@code patience} epochs have passed since the best one.
     */
    @Override
    public void onEpoch(EpochMetrics metrics) {
        if (metrics.validationAccuracy() > bestAccuracy) {
            keep(metrics.epoch(), metrics.validationAccuracy());
        } else if (patience > 0 && best != null && metrics.epoch() - bestEpoch >= patience) {
            throw new StopTraining("no better validation accuracy for " + patience + " epochs");
        }
    }

    private void keep(int epoch, float validationAccuracy) {
        if (best == null) {
            best = new NDArray[parameters.size()];
            for (int i = 0; i < best.length; i++) {
                best[i] = parameters.get(i).getArray().duplicate();
                best[i].attach(copies);
            }
        } else {
            for (int i = 0; i < best.length; i++) {
                best[i].muli(0).addi(parameters.get(i).getArray());
            }
        }
        bestEpoch = epoch;
        bestAccuracy = validationAccuracy;
    }

    /**
     * After training: puts the best epoch's parameters back into the model.
     * @param lastEpoch the last epoch trained
     * @return the epoch restored, or 0 when the last one was the best (or none was kept)
     */
    int restore(int lastEpoch) {
        if (best == null || bestEpoch == lastEpoch) {
            return 0;
        }
        for (int i = 0; i < best.length; i++) {
            parameters.get(i).getArray().muli(0).addi(best[i]);
        }
        return bestEpoch;
    }

    @Override
    public void close() {
        copies.close();
    }
}
