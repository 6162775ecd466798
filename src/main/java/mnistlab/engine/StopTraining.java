package mnistlab.engine;

/**
 * Thrown by a listener's {@code onEpoch} to end training after that epoch, as DJL's
 * EarlyStoppedException is: the listeners before it have heard of the epoch, the loop stops.
 */
final class StopTraining extends RuntimeException {
    StopTraining(String why) {
        super(why, null, false, false);
    }
}
