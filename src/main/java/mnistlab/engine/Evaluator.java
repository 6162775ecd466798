package mnistlab.engine;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import ai.djl.training.ParameterStore;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Classifies a set of model-ready images in batches and times it, as the seed script times its 10k test images. */
final class Evaluator {
    /**
     * Test images per forward pass. Measured on 2 cores: 250 beat 100 and 1000 (a batch's
     * activations then stay in the L3 cache; larger ones cost more time in page faults).
     */
    static final int BATCH = 250;
    private static final Loss LOSS = Loss.softmaxCrossEntropyLoss();

    private final Model model;
    private final NDManager manager;
    private final int classCount;
    private boolean kernelsWarm;

    Evaluator(Model model, NDManager manager, int classCount) {
        this.model = model;
        this.manager = manager;
        this.classCount = classCount;
    }

    /**
     * {@code cancelled} is asked between batches; true stops with a {@link CancellationException}.
     * The mean cross-entropy is computed only {@code withLoss} (validation), so that the timed
     * recognition of the test set stays what the seed script times; otherwise it is NaN.
     */
    Evaluation evaluate(NDArray images, int[] labels, BooleanSupplier cancelled, boolean withLoss) {
        ParameterStore store = new ParameterStore(model.getNDManager(), false);
        if (!kernelsWarm) {
            // libtorch prepares its kernels on the first forward pass of each shape; the seed's
            // timing is of recognition, so that one-off cost is paid before the clock starts.
            try (NDManager warmup = manager.newSubManager()) {
                NDArray x = images.get(warmup, new NDIndex("0:" + Math.min(BATCH, images.getShape().get(0))));
                model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false);
            }
            kernelsWarm = true;
        }
        long start = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            NDList predicted = new NDList();
            NDList confidence = new NDList();
            NDArray lossSum = scope.zeros(new Shape());
            long n = images.getShape().get(0);
            for (long from = 0; from < n; from += BATCH) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException(Messages.get("engine.evaluationInterrupted"));
                }
                // Each batch's activations are freed before the next batch; only its answers stay.
                try (NDManager batch = scope.newSubManager()) {
                    int to = (int) Math.min(n, from + BATCH);
                    NDArray x = images.get(batch, new NDIndex(from + ":" + to));
                    NDArray logits = model.getBlock().forward(store, new NDList(Networks.channelsLast(x)), false)
                            .singletonOrThrow();
                    if (withLoss) {
                        NDArray y = batch.create(toLongs(labels, (int) from, to));
                        lossSum.addi(LOSS.evaluate(new NDList(y), new NDList(logits)).mul(to - from));
                    }
                    NDArray best = logits.argMax(1);
                    NDArray probability = logits.softmax(1).max(new int[] {1});
                    best.attach(scope);
                    probability.attach(scope);
                    predicted.add(best);
                    confidence.add(probability);
                }
            }
            // One transfer to the host for the whole set, after every batch is queued.
            int[] predictions = NDArrays.concat(predicted).toType(DataType.INT32, false).toIntArray();
            float[] confidences = NDArrays.concat(confidence).toFloatArray();
            float loss = n == 0 || !withLoss ? Float.NaN : lossSum.getFloat() / n;
            double seconds = (System.nanoTime() - start) / 1e9;
            return Evaluation.of(labels, predictions, confidences, classCount, loss, seconds);
        }
    }

    private static long[] toLongs(int[] values, int from, int to) {
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = values[i];
        }
        return out;
    }
}
