package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import mnistlab.result.Evaluation;

import java.util.List;

/**
 * Keeps a copy, on the device, of the parameters of the epoch with the best validation accuracy
 * (Keras's EarlyStopping with restore_best_weights): the final model is chosen by validation,
 * never by test. Copies cost the parameters' size once (13 MB for the seed network).
 */
final class BestEpoch implements AutoCloseable {
    private final List<Parameter> parameters;
    private final NDManager copies;
    private final int patience;
    private NDArray[] best;
    private int bestEpoch;
    private float bestAccuracy = Float.NEGATIVE_INFINITY;
    private Evaluation bestTest;

    /** {@code patience}: epochs without a better validation accuracy before training stops; 0 never. */
    BestEpoch(List<Parameter> parameters, NDManager parent, int patience) {
        this.parameters = List.copyOf(parameters);
        this.copies = parent.newSubManager();
        this.patience = patience;
    }

    /** After an epoch: keeps its parameters when its validation accuracy beats every earlier epoch's. */
    void offer(int epoch, float validationAccuracy, Evaluation test) {
        if (!(validationAccuracy > bestAccuracy)) {
            return;
        }
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
        bestTest = test;
    }

    /** Whether {@code patience} epochs have passed since the best one. */
    boolean patienceRunOut(int epoch) {
        return patience > 0 && best != null && epoch - bestEpoch >= patience;
    }

    /** Puts the best epoch's parameters back into the model, unless {@code lastEpoch} was the best. */
    boolean restore(int lastEpoch) {
        if (best == null || bestEpoch == lastEpoch) {
            return false;
        }
        for (int i = 0; i < best.length; i++) {
            parameters.get(i).getArray().muli(0).addi(best[i]);
        }
        return true;
    }

    int epoch() {
        return bestEpoch;
    }

    /** The test evaluation of the best epoch's parameters, from that epoch. */
    Evaluation test() {
        return bestTest;
    }

    @Override
    public void close() {
        copies.close();
    }
}
