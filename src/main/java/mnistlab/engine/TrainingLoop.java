package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import mnistlab.data.ImageSet;
import mnistlab.engine.optim.FusedAdam;
import mnistlab.engine.optim.OptimizerState;
import mnistlab.engine.spec.AugmentSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.HistoryPoint;
import mnistlab.result.TrainingListener;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One training call: epochs from the run's current one to {@code lastEpoch}, reported to one
 * listener (run-folder writing, heap trimming, best-epoch keeping and the caller's own, composed
 * by {@link Experiment}); a listener ends training early by throwing {@link StopTraining}. Batches
 * are gathered on the device from device-resident data; loss and accuracy are summed on the
 * device and read back only every {@code recordEvery} batches and at epoch ends, so a GPU never
 * waits on the host inside the step loop.
 */
final class TrainingLoop {
    /**
     * How a training call ended.
     * @param test      the last test evaluation, or null when no epoch finished
     * @param cancelled whether a cancel stopped it
     */
    record Outcome(Evaluation test, boolean cancelled) {
    }

    private final TrainingRun run;
    private final TrainingState state;
    private final TrainingListener listener;
    private final TrainSpec train;
    private final int lastEpoch;

    TrainingLoop(TrainingRun run, TrainingListener listener, int lastEpoch) {
        this.run = run;
        this.state = run.state();
        this.listener = listener;
        this.train = run.train();
        this.lastEpoch = lastEpoch;
    }

    Outcome run() throws IOException {
        int n = run.images();
        int batchSize = Math.min(train.batchSize(), n);
        int batches = (n + batchSize - 1) / batchSize;
        Tracker schedule = Optimizers.schedule(train.optimizer(), train.schedule(), batches, batches * lastEpoch);
        Tracker lr = Optimizers.offset(schedule, state.updatesDone());
        OptimizerState optimizerState = new OptimizerState();
        Optimizer optimizer = Optimizers.create(train.optimizer(), lr, optimizerState);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {run.device()});
        Model model = run.model();
        List<Parameter> trained = model.getBlock().getParameters().values().stream()
                .filter(Parameter::requiresGradient).toList();
        boolean cancelled = false;
        Evaluation lastTest = null;
        listener.onStart(run.device().toString(), state.epochsDone() + 1, lastEpoch, batches, batchSize);
        try (optimizerState;
             Trainer trainer = model.newTrainer(config);
             NDManager sums = run.data().manager().newSubManager()) {
            trainer.initialize(new Shape(1, 1, run.rows(), run.cols()));
            AugmentSpec augment = run.augment();
            Augmenter augmenter = augment.any() ? new Augmenter(augment, run.rows(), run.cols(), run.background(), sums) : null;
            NDArray intervalLoss = sums.zeros(new Shape());
            NDArray intervalCorrect = sums.zeros(new Shape());
            NDArray epochLoss = sums.zeros(new Shape());
            NDArray epochCorrect = sums.zeros(new Shape());
            long samplesSeen = (long) state.epochsDone() * n;
            int updates = state.updatesDone();
            while (state.epochsDone() < lastEpoch && !cancelled) {
                int epoch = state.epochsDone() + 1;
                long start = System.nanoTime();
                int intervalBatches = 0;
                long intervalSamples = 0;
                int[] order = train.shuffle() ? ImageSet.permutation(n, train.seed() * 1_000_003L + epoch) : null;
                try (NDManager epochScope = sums.newSubManager()) {
                    NDArray orderOnDevice = order == null ? null : epochScope.create(toLongs(order));
                    for (int b = 0; b < batches; b++) {
                        if (run.cancelled().getAsBoolean()) {
                            cancelled = true;
                            break;
                        }
                        int from = b * batchSize;
                        int to = Math.min(n, from + batchSize);
                        step(trainer, optimizer, trained, augmenter, orderOnDevice, from, to, intervalLoss, intervalCorrect);
                        updates++;
                        intervalBatches++;
                        intervalSamples += to - from;
                        samplesSeen += to - from;
                        listener.onBatch(epoch, b + 1);
                        if ((b + 1) % train.recordEvery() == 0 || b + 1 == batches) {
                            float loss = intervalLoss.getFloat() / intervalBatches;
                            float acc = intervalCorrect.getFloat() / intervalSamples;
                            epochLoss.addi(intervalLoss);
                            epochCorrect.addi(intervalCorrect);
                            intervalLoss.muli(0);
                            intervalCorrect.muli(0);
                            HistoryPoint point = new HistoryPoint(epoch, b + 1, samplesSeen, loss, acc);
                            state.record(point);
                            listener.onRecord(point);
                            intervalBatches = 0;
                            intervalSamples = 0;
                        }
                    }
                }
                if (cancelled) {
                    state.abandon(epoch);
                    break;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                float meanLoss = epochLoss.getFloat() / batches;
                float trainAcc = epochCorrect.getFloat() / n;
                epochLoss.muli(0);
                epochCorrect.muli(0);
                Evaluation validation;
                try {
                    validation = run.validation().get();
                    lastTest = run.test().get();
                } catch (CancellationException e) {
                    cancelled = true; // interrupted while testing
                    state.abandon(epoch);
                    break;
                }
                EpochMetrics metrics = new EpochMetrics(epoch, meanLoss, trainAcc, lastTest.accuracy(), seconds,
                        n / seconds, schedule.getNewValue(updates), validation == null ? Float.NaN : validation.loss(),
                        validation == null ? Float.NaN : validation.accuracy());
                state.epochFinished(metrics, updates);
                try {
                    listener.onEpoch(metrics); // checkpoints, metrics files, heap trimming, best epoch: listeners
                } catch (StopTraining e) {
                    break; // early stopping
                }
            }
        }
        return new Outcome(lastTest, cancelled);
    }

    /** One optimizer step on the batch of positions [from, to) of this epoch's order. */
    private void step(Trainer trainer, Optimizer optimizer, List<Parameter> trained, Augmenter augmenter, NDArray order,
                      int from, int to, NDArray lossSum, NDArray correctSum) {
        try (NDManager scope = run.data().manager().newSubManager()) {
            NDArray x;
            NDArray y;
            if (order == null) {
                NDIndex range = new NDIndex(from + ":" + to);
                x = run.data().trainImages().get(scope, range);
                y = run.data().trainLabels().get(scope, range);
            } else {
                NDArray idx = order.get(scope, new NDIndex(from + ":" + to));
                x = run.data().trainImages().get(scope, new NDIndex("{}", idx));
                y = run.data().trainLabels().get(scope, new NDIndex("{}", idx));
            }
            if (augmenter != null) {
                x = augmenter.apply(x, scope);
            }
            NDArray logits;
            NDArray loss;
            boolean fused = optimizer instanceof FusedAdam;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                logits = trainer.forward(new NDList(Networks.channelsLast(x))).singletonOrThrow();
                loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                if (!fused) {
                    collector.backward(loss);
                }
            }
            if (fused) {
                // gradients straight into the step, never added into zeroed .grad arrays (docs/performance.md)
                ((FusedAdam) optimizer).backwardAndUpdate(loss, trained);
            } else {
                update(optimizer, trained);
            }
            lossSum.addi(loss);
            correctSum.addi(logits.argMax(1).eq(y).sum().toType(DataType.FLOAT32, false));
        }
    }

    /**
     * What {@code Trainer.step()} does for one device, without the copy of every gradient that
     * DJL's LocalParameterServer makes for multi-device reduction (13 MB a step for the seed
     * network's first linear layer).
     */
    private static void update(Optimizer optimizer, List<Parameter> trained) {
        for (Parameter parameter : trained) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
        }
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
