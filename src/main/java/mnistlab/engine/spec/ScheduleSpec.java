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

    public enum Kind { FIXED, STEP, COSINE }

    public ScheduleSpec {
        if (kind == Kind.STEP && (stepEpochs <= 0 || !(gamma > 0))) {
            throw new IllegalArgumentException(Messages.get("spec.step"));
        }
        if (warmupSteps < 0 || minLr < 0) {
            throw new IllegalArgumentException(Messages.get("spec.warmUp"));
        }
    }

    public static ScheduleSpec fixed() {
        return new ScheduleSpec(Kind.FIXED, 0, 1f, 0f, 0);
    }

    public static ScheduleSpec step(int everyEpochs, float gamma) {
        return new ScheduleSpec(Kind.STEP, everyEpochs, gamma, 0f, 0);
    }

    public static ScheduleSpec cosine(float minLr) {
        return new ScheduleSpec(Kind.COSINE, 0, 1f, minLr, 0);
    }

    public ScheduleSpec withWarmup(int steps) {
        return new ScheduleSpec(kind, stepEpochs, gamma, minLr, steps);
    }
}
