package mnistlab.engine.optim;

import ai.djl.ndarray.NDArray;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The per-parameter state arrays (moments, momentum buffers) the optimizers of one training call
 * create, freed when the call ends. DJL's built-in optimizers detach their state from every
 * manager, so nothing else ever frees it: each training call leaked Adam's two moments (26 MB for
 * the seed network) until the process ended.
 */
public final class OptimizerState implements AutoCloseable {
    private final Set<NDArray> arrays = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    NDArray track(NDArray array) {
        arrays.add(array);
        return array;
    }

    /**
     * How many state arrays are alive.
     * @return how many arrays it holds
     */
    public int size() {
        return arrays.size();
    }

    @Override
    public void close() {
        synchronized (arrays) {
            arrays.forEach(NDArray::close);
            arrays.clear();
        }
    }
}
