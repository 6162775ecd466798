package mnistlab.engine;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.MultiFactorTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import mnistlab.engine.optim.OptimizerState;
import mnistlab.engine.optim.FusedAdam;
import mnistlab.engine.optim.ScopedSgd;
import mnistlab.engine.optim.TorchRuleOptimizer;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.ScheduleSpec;

/** Builds DJL optimizers and learning-rate trackers from the spec. */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * The learning-rate tracker over the optimizer's update count.
     *
     * @param optimizer     its learning rate is where the schedule starts
     * @param schedule      how the rate changes
     * @param stepsPerEpoch updates per epoch, to turn the schedule's epochs into updates
     * @param totalSteps    updates of the whole training, for cosine's end point
     * @return the tracker
     */
    public static Tracker schedule(OptimizerSpec optimizer, ScheduleSpec schedule, int stepsPerEpoch, int totalSteps) {
        float lr = optimizer.learningRate();
        int mainSteps = Math.max(1, totalSteps - schedule.warmupSteps());
        Tracker main = switch (schedule.kind()) {
            case FIXED -> Tracker.fixed(lr);
            case STEP -> {
                int every = schedule.stepEpochs() * stepsPerEpoch;
                int count = Math.max(1, (totalSteps - 1) / every);
                int[] steps = new int[count];
                for (int i = 0; i < count; i++) {
                    steps[i] = every * (i + 1);
                }
                yield MultiFactorTracker.builder().setBaseValue(lr).setSteps(steps).optFactor(schedule.gamma()).build();
            }
            case COSINE -> CosineTracker.builder().setBaseValue(lr).optFinalValue(schedule.minLr())
                    .setMaxUpdates(mainSteps).build();
        };
        if (schedule.warmupSteps() == 0) {
            return main;
        }
        return WarmUpTracker.builder().setMainTracker(main).optWarmUpSteps(schedule.warmupSteps())
                .optWarmUpBeginValue(lr / schedule.warmupSteps()).build();
    }

    /**
     * A tracker that reads the wrapped one further along: resumed training keeps its schedule.
     * @param tracker the schedule from the start
     * @param updatesDone updates already made
     * @return the schedule from there
     */
    public static Tracker offset(Tracker tracker, int updatesDone) {
        return updatesDone == 0 ? tracker : numUpdate -> tracker.getNewValue(numUpdate + updatesDone);
    }

    /**
     * The optimizer for one training call; its per-parameter state goes to {@code state}, which the
     * caller closes when the call ends.
     * @param spec the optimizer
     * @param lr the learning-rate schedule
     * @param state holds the per-parameter state
     * @return the optimizer
     */
    public static Optimizer create(OptimizerSpec spec, Tracker lr, OptimizerState state) {
        return switch (spec.kind()) {
            case SGD -> spec.nesterov()
                    ? TorchRuleOptimizer.builder(TorchRuleOptimizer.Rule.NESTEROV).setLearningRateTracker(lr)
                            .optMomentum(spec.momentum()).optWeightDecays(spec.weightDecay()).setState(state).build()
                    : new ScopedSgd(Optimizer.sgd().setLearningRateTracker(lr).optMomentum(spec.momentum())
                            .optWeightDecays(spec.weightDecay()), state);
            case ADAM, ADAMW -> FusedAdam.builder(spec.kind() == OptimizerSpec.Kind.ADAMW).setLearningRateTracker(lr)
                    .optBeta1(spec.beta1()).optBeta2(spec.beta2()).optEpsilon(spec.epsilon())
                    .optWeightDecays(spec.weightDecay()).setState(state).build();
            case RMSPROP -> handWritten(TorchRuleOptimizer.Rule.RMSPROP, spec, lr, state);
            case ADAGRAD -> handWritten(TorchRuleOptimizer.Rule.ADAGRAD, spec, lr, state);
            case ADADELTA -> handWritten(TorchRuleOptimizer.Rule.ADADELTA, spec, lr, state);
        };
    }

    private static Optimizer handWritten(TorchRuleOptimizer.Rule rule, OptimizerSpec spec, Tracker lr,
                                         OptimizerState state) {
        return TorchRuleOptimizer.builder(rule).setLearningRateTracker(lr).optRho(spec.rho())
                .optEpsilon(spec.epsilon()).optWeightDecays(spec.weightDecay()).setState(state).build();
    }
}
