package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/**
 * How the learning rate changes with the optimizer's update count.
 *
 * @param kind        fixed, step (multiply by gamma every stepEpochs epochs) or cosine (down to minLr at the end)
 * @param stepEpochs  for step: epochs between decays
 * @param gamma       for step: the decay factor
 * @param minLr       for cosine: the final learning rate
 * @param warmupSteps linear warm-up from near zero over this many updates, before any kind; 0 for none
 */
public record ScheduleSpec(Kind kind, int stepEpochs, float gamma, float minLr, int warmupSteps) {

    /** How the learning rate changes after warm-up. */
    public enum Kind {
        /** It does not. */
        FIXED,
        /** Multiplied by gamma every few epochs. */
        STEP,
        /** Down to the minimum along half a cosine. */
        COSINE
    }

    /**
     * Checks each value.
     * @param kind fixed, step (multiply by gamma every stepEpochs epochs) or cosine (down to minLr at the end)
     * @param stepEpochs for step: epochs between decays
     * @param gamma for step: the decay factor
     * @param minLr for cosine: the final learning rate
     * @param warmupSteps linear warm-up from near zero over this many updates, before any kind; 0 for none
     * @throws IllegalArgumentException naming the first value out of range
     */
    public ScheduleSpec {
        if (kind == Kind.STEP && (stepEpochs <= 0 || !(gamma > 0))) {
            throw new IllegalArgumentException(Messages.get("spec.step"));
        }
        if (warmupSteps < 0 || minLr < 0) {
            throw new IllegalArgumentException(Messages.get("spec.warmUp"));
        }
    }

    /**
     * The learning rate stays.
     * @return the schedule
     */
    public static ScheduleSpec fixed() {
        return new ScheduleSpec(Kind.FIXED, 0, 1f, 0f, 0);
    }

    /**
     * Multiplies the learning rate by {@code gamma} every {@code everyEpochs} epochs.
     * @param everyEpochs epochs between steps
     * @param gamma the factor
     * @return the schedule
     */
    public static ScheduleSpec step(int everyEpochs, float gamma) {
        return new ScheduleSpec(Kind.STEP, everyEpochs, gamma, 0f, 0);
    }

    /**
     * Half a cosine from the learning rate down to {@code minLr} over the training.
     * @param minLr the last learning rate
     * @return the schedule
     */
    public static ScheduleSpec cosine(float minLr) {
        return new ScheduleSpec(Kind.COSINE, 0, 1f, minLr, 0);
    }

    /**
     * A copy that first rises linearly from 0 over {@code steps} batches.
     * @param steps batches of warm-up
     * @return the schedule
     */
    public ScheduleSpec withWarmup(int steps) {
        return new ScheduleSpec(kind, stepEpochs, gamma, minLr, steps);
    }
}
