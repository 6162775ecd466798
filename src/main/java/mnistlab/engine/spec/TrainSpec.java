package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/**
 * How to train. From Java, start from {@link #seedDefaults()} and change what differs:
 * {@code TrainSpec.seedDefaults().withEpochs(2).withOptimizer(OptimizerSpec.adam(1e-3f))}.
 *
 * @param device      where to train; see {@link DeviceSpec}
 * @param seed        seeds the parameters' initialisation and the shuffling
 * @param recordEvery record samples seen, loss and running accuracy every this many batches
 * @param repeats     how many trainings, with seeds seed, seed+1, …; 0 (an older spec.json) reads as 1
 * @param keepBest    keep the parameters of the epoch with the best validation accuracy, not the last
 * @param patience    stop when validation accuracy has not improved for this many epochs (and keep
 *                    the best epoch's parameters); 0 never stops early
 */
public record TrainSpec(int epochs, int batchSize, OptimizerSpec optimizer, ScheduleSpec schedule,
                        LossKind loss, DeviceSpec device, long seed, int recordEvery, boolean shuffle,
                        int repeats, boolean keepBest, int patience) {

    /**
     * Checks each value.
     * @param epochs epochs to train
     * @param batchSize images per batch
     * @param optimizer the optimizer
     * @param schedule the learning-rate schedule
     * @param loss the loss
     * @param device where to train; see {@link DeviceSpec}
     * @param seed seeds the parameters' initialisation and the shuffling
     * @param recordEvery record samples seen, loss and running accuracy every this many batches
     * @param shuffle whether the training images are shuffled each epoch
     * @param repeats how many trainings, with seeds seed, seed+1, …; 0 (an older spec.json) reads as 1
     * @param keepBest keep the parameters of the epoch with the best validation accuracy, not the last
     * @param patience stop when validation accuracy has not improved for this many epochs (and keep the best epoch's
     *   parameters); 0 never stops early
     * @throws IllegalArgumentException naming the first value out of range
     */
    public TrainSpec {
        repeats = repeats == 0 ? 1 : repeats;
        if (repeats < 0 || repeats > 1000) {
            throw new IllegalArgumentException(Messages.get("spec.repeats", repeats));
        }
        if (patience < 0) {
            throw new IllegalArgumentException(Messages.get("spec.patience", patience));
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException(Messages.get("spec.epochs", epochs));
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException(Messages.get("spec.batchSize", batchSize));
        }
        if (recordEvery <= 0) {
            throw new IllegalArgumentException(Messages.get("spec.recordEvery", recordEvery));
        }
        if (optimizer == null || schedule == null || loss == null || device == null) {
            throw new IllegalArgumentException(Messages.get("spec.trainIncomplete"));
        }
    }

    /**
     * The seed script's settings: 10 epochs of batch 100 with Adam at 5e-4.
     * @return the settings
     */
    public static TrainSpec seedDefaults() {
        return new TrainSpec(10, 100, OptimizerSpec.adam(5e-4f), ScheduleSpec.fixed(), LossKind.SOFTMAX_CROSS_ENTROPY,
                DeviceSpec.AUTO, 42, 100, true, 1, false, 0);
    }

    /**
     * A copy that trains {@code n} epochs.
     * @param n epochs, at least 1
     * @return the new spec
     */
    public TrainSpec withEpochs(int n) {
        return new TrainSpec(n, batchSize, optimizer, schedule, loss, device, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy with another batch size.
     * @param n images per batch
     * @return the new spec
     */
    public TrainSpec withBatchSize(int n) {
        return new TrainSpec(epochs, n, optimizer, schedule, loss, device, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy with another optimizer.
     * @param o the optimizer
     * @return the new spec
     */
    public TrainSpec withOptimizer(OptimizerSpec o) {
        return new TrainSpec(epochs, batchSize, o, schedule, loss, device, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy with another learning-rate schedule.
     * @param s the schedule
     * @return the new spec
     */
    public TrainSpec withSchedule(ScheduleSpec s) {
        return new TrainSpec(epochs, batchSize, optimizer, s, loss, device, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy with another seed.
     * @param s seeds initialisation and shuffling
     * @return the new spec
     */
    public TrainSpec withSeed(long s) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, s, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy that trains where {@code d} says.
     * @param d {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @return the new spec
     */
    public TrainSpec withDevice(String d) {
        return withDevice(DeviceSpec.parse(d));
    }

    /**
     * A copy that trains on another device.
     * @param d the device
     * @return the new spec
     */
    public TrainSpec withDevice(DeviceSpec d) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, d, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy with another loss.
     * @param l the loss
     * @return the new spec
     */
    public TrainSpec withLoss(LossKind l) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, l, device, seed, recordEvery, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy that records loss and accuracy every {@code batches} batches.
     * @param batches at least 1
     * @return the new spec
     */
    public TrainSpec withRecordEvery(int batches) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, batches, shuffle, repeats, keepBest, patience);
    }

    /**
     * A copy that shuffles the training images each epoch, or not.
     * @param on whether to shuffle
     * @return the new spec
     */
    public TrainSpec withShuffle(boolean on) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, recordEvery, on, repeats, keepBest, patience);
    }

    /**
     * A copy that trains {@code n} times, with seeds seed, seed+1, ….
     * @param n 1 to 1000
     * @return the new spec
     */
    public TrainSpec withRepeats(int n) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, recordEvery, shuffle, n, keepBest, patience);
    }

    /**
     * A copy that keeps the best epoch's parameters by validation, or the last.
     * @param on whether to keep the best
     * @return the new spec
     */
    public TrainSpec withKeepBest(boolean on) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, recordEvery, shuffle, repeats, on, patience);
    }

    /**
     * A copy that stops early.
     * @param epochsWithoutGain epochs without a better validation accuracy before stopping; 0 never stops
     * @return the new spec
     */
    public TrainSpec withPatience(int epochsWithoutGain) {
        return new TrainSpec(epochs, batchSize, optimizer, schedule, loss, device, seed, recordEvery, shuffle, repeats, keepBest,
                epochsWithoutGain);
    }

    /** @return whether training chooses its final parameters by validation (keepBest, or early stopping) */
    public boolean selectsByValidation() {
        return keepBest || patience > 0;
    }
}
