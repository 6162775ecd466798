package mnistlab.engine.spec;

/**
 * How to train. From Java, start from {@link #seedDefaults()} and change what differs:
 * {@code TrainSpec.seedDefaults().withEpochs(2).withOptimizer(OptimizerSpec.adam(1e-3f))}.
 *
 * @param device      where to train; see {@link DeviceSpec}
 * @param seed        seeds the parameters' initialisation and the shuffling
 * @param recordEvery record samples seen, loss and running accuracy every this many batches
 */
public record TrainSpec(int epochs, int batchSize, OptimizerSpec optimizer, ScheduleSpec schedule,
                        LossKind loss, DeviceSpec device, long seed, int recordEvery, boolean shuffle) {

    public TrainSpec {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, not " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, not " + batchSize);
        }
        if (recordEvery <= 0) {
            throw new IllegalArgumentException("recordEvery must be positive, not " + recordEvery);
        }
        if (optimizer == null || schedule == null || loss == null || device == null) {
            throw new IllegalArgumentException("a training needs an optimizer, a schedule, a loss and a device");
        }
    }

    /** The seed script's settings: 10 epochs of batch 100 with Adam at 5e-4. */
    public static TrainSpec seedDefaults() {
        return new TrainSpec(10, 100, OptimizerSpec.adam(5e-4f), ScheduleSpec.fixed(), LossKind.SOFTMAX_CROSS_ENTROPY,
                DeviceSpec.AUTO, 42, 100, true);
    }

    public TrainSpec withEpochs(int n) {
        return new TrainSpec(n, batchSize, optimizer, schedule, loss, device, seed, recordEvery, shuffle);
    }

    public TrainSpec withBatchSize(int n) {
        return new TrainSpec(epochs, n, optimizer, schedule, loss, device, seed, recordEvery, shuffle);
    }

    public TrainSpec withOptimizer(OptimizerSpec o) {
        return new TrainSpec(epochs, batchSize, o, schedule, loss, device, seed, recordEvery, shuffle);
    }

    public TrainSpec withSchedule(ScheduleSpec s) {
        return new TrainSpec(epochs, batchSize, optimizer, s, loss, device, seed, recordEvery, shuffle);
    }

    public TrainSpec withSeed(long s) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, s, recordEvery, shuffle);
    }

    /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public TrainSpec withDevice(String d) {
        return withDevice(DeviceSpec.parse(d));
    }

    public TrainSpec withDevice(DeviceSpec d) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, d, seed, recordEvery, shuffle);
    }

    public TrainSpec withLoss(LossKind l) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, l, device, seed, recordEvery, shuffle);
    }

    public TrainSpec withRecordEvery(int batches) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, batches, shuffle);
    }

    public TrainSpec withShuffle(boolean on) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, recordEvery, on);
    }
}
