package mnistlab.engine.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

/**
 * DJL's optimizer builder with what this project's own optimizers share: the learning-rate
 * schedule, epsilon, and the {@link OptimizerState} that frees their state arrays.
 * @param <T> the concrete builder
 */
public abstract class ScopedOptimizerBuilder<T extends ScopedOptimizerBuilder<T>> extends Optimizer.OptimizerBuilder<T> {
    ParameterTracker learningRate;
    float epsilon = 1e-8f;
    OptimizerState owner;

    ScopedOptimizerBuilder() {
    }

    /**
     * The learning rate, by update count.
     * @param tracker the schedule
     * @return this builder
     */
    public T setLearningRateTracker(ParameterTracker tracker) {
        this.learningRate = tracker;
        return self();
    }

    /**
     * Added to denominators.
     * @param value epsilon
     * @return this builder
     */
    public T optEpsilon(float value) {
        this.epsilon = value;
        return self();
    }

    /**
     * Where the state arrays go, to be freed when the training call ends.
     * @param state the holder
     * @return this builder
     */
    public T setState(OptimizerState state) {
        this.owner = state;
        return self();
    }

    /** Before building: both the schedule and the state's owner are needed. */
    void checkComplete() {
        if (learningRate == null || owner == null) {
            throw new IllegalStateException("a learning-rate tracker and a state owner are both needed");
        }
    }
}
