package mnistlab.engine.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Sgd;

import java.util.Map;
import java.util.function.Function;

/** DJL's SGD, its momentum buffers kept in an {@link OptimizerState} that frees them. */
public final class ScopedSgd extends Sgd {
    private final OptimizerState state;

    /**
     * DJL's Sgd with its state arrays in {@code state}.
     * @param builder DJL's builder, configured
     * @param state holds the state arrays
     */
    public ScopedSgd(Sgd.Builder builder, OptimizerState state) {
        super(builder);
        this.state = state;
    }

    @Override
    protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> states, String key, Device device,
                                       Function<String, NDArray> initial) {
        return state.track(super.withDefaultState(states, key, device, initial));
    }
}
