package mnistlab.dsl;

import mnistlab.engine.spec.LossKind;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.ScheduleSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.i18n.Messages;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code train { ... }}: epochs, batch size, optimizer, schedule, loss, device, seed. Starts from
 * the seed script's settings; each keyword changes the spec record at once, so the record's own
 * check reports a bad value at the keyword's line.
 */
public class TrainDsl {
    private TrainSpec spec = TrainSpec.seedDefaults();

    /** Applies one keyword's change, turning the record's refusal into an error at the keyword. */
    private void change(String keyword, Supplier<TrainSpec> changed) {
        spec = KeywordError.checked(keyword, changed);
    }

    /**
     * {@code epochs 10}: how many epochs to train.
     * @param n a whole number, at least 1
     */
    public void epochs(Object n) {
        int epochs = Args.toInt("epochs", "count", n);
        change("epochs", () -> spec.withEpochs(epochs));
    }

    /**
     * {@code batchSize 100}: images per batch.
     * @param n a whole number, at least 1
     */
    public void batchSize(Object n) {
        int size = Args.toInt("batchSize", "size", n);
        change("batchSize", () -> spec.withBatchSize(size));
    }

    /**
     * {@code optimizer adam(lr: 5e-4)}; see adam, adamW, sgd, rmsProp, adagrad, adadelta.
     * @param choice what one of those returns
     */
    public void optimizer(Object choice) {
        if (!(choice instanceof OptimizerSpec optimizer)) {
            throw new KeywordError("optimizer", Messages.get("dsl.optimizers", Args.describe(choice)));
        }
        change("optimizer", () -> spec.withOptimizer(optimizer));
    }

    /**
     * {@code adam(lr: 5e-4)}: Adam.
     * @param options lr:, weightDecay:, beta1:, beta2:, epsilon: as PyTorch names them
     * @return the optimizer
     */
    public OptimizerSpec adam(Map<String, Object> options) {
        return optimizerOf("adam", options, Set.of("lr", "beta1", "beta2", "eps", "weightDecay"), OptimizerSpec.adam(1e-3f));
    }

    /**
     * {@code adamW(lr: 1e-3, weightDecay: 1e-4)}: Adam with decoupled weight decay.
     * @param options lr:, weightDecay:, beta1:, beta2:, epsilon: as PyTorch names them
     * @return the optimizer
     */
    public OptimizerSpec adamW(Map<String, Object> options) {
        return optimizerOf("adamW", options, Set.of("lr", "beta1", "beta2", "eps", "weightDecay"),
                OptimizerSpec.adamW(1e-3f, 0.01f));
    }

    /**
     * {@code sgd(lr: 0.1, momentum: 0.9, nesterov: true)}: SGD; lr: is required.
     * @param options lr:, momentum:, nesterov:, weightDecay:
     * @return the optimizer
     */
    public OptimizerSpec sgd(Map<String, Object> options) {
        if (!options.containsKey("lr")) {
            throw new KeywordError("sgd", Messages.get("dsl.sgdLr"));
        }
        Args.allowOnly("sgd", options, Set.of("lr", "momentum", "nesterov", "weightDecay"));
        boolean nesterov = options.containsKey("nesterov") && Args.toBoolean("sgd", options.get("nesterov"));
        float momentum = Args.toFloat("sgd", "momentum", options.getOrDefault("momentum", 0));
        if (nesterov && momentum <= 0) {
            throw new KeywordError("sgd", Messages.get("dsl.nesterov"));
        }
        return optimizerOf("sgd", options, Set.of("lr", "momentum", "nesterov", "weightDecay"),
                KeywordError.checked("sgd", () -> OptimizerSpec.sgd(1f, momentum, nesterov)));
    }

    /**
     * {@code rmsProp(lr: 1e-3)}: RMSProp.
     * @param options lr:, rho:, epsilon:, weightDecay:
     * @return the optimizer
     */
    public OptimizerSpec rmsProp(Map<String, Object> options) {
        return optimizerOf("rmsProp", options, Set.of("lr", "alpha", "eps", "weightDecay"), OptimizerSpec.rmsProp(1e-2f));
    }

    /**
     * {@code adagrad(lr: 1e-2)}: Adagrad.
     * @param options lr:, epsilon:, weightDecay:
     * @return the optimizer
     */
    public OptimizerSpec adagrad(Map<String, Object> options) {
        return optimizerOf("adagrad", options, Set.of("lr", "eps", "weightDecay"), OptimizerSpec.adagrad(1e-2f));
    }

    /**
     * {@code adadelta(rho: 0.9)}: Adadelta.
     * @param options rho:, epsilon:, weightDecay:
     * @return the optimizer
     */
    public OptimizerSpec adadelta(Map<String, Object> options) {
        return optimizerOf("adadelta", options, Set.of("lr", "rho", "eps", "weightDecay"), OptimizerSpec.adadelta(0.9f));
    }

    /** The optimizer {@code base} with the options given; the record checks the values. */
    private static OptimizerSpec optimizerOf(String keyword, Map<String, Object> options, Set<String> allowed,
                                             OptimizerSpec base) {
        Args.allowOnly(keyword, options, allowed);
        float lr = Args.toFloat(keyword, "lr", options.getOrDefault("lr", base.learningRate()));
        float wd = Args.toFloat(keyword, "weightDecay", options.getOrDefault("weightDecay", base.weightDecay()));
        float beta1 = Args.toFloat(keyword, "beta1", options.getOrDefault("beta1", base.beta1()));
        float beta2 = Args.toFloat(keyword, "beta2", options.getOrDefault("beta2", base.beta2()));
        float eps = Args.toFloat(keyword, "eps", options.getOrDefault("eps", base.epsilon()));
        float rho = Args.toFloat(keyword, "rho", options.getOrDefault("rho", options.getOrDefault("alpha", base.rho())));
        try {
            return new OptimizerSpec(base.kind(), lr, base.momentum(), base.nesterov(), wd, beta1, beta2, eps, rho);
        } catch (IllegalArgumentException e) {
            throw new KeywordError(keyword, Messages.get("dsl.keywordProblem", keyword, e.getMessage()));
        }
    }

    /**
     * {@code schedule cosine(minLr: 1e-5)}; see fixed(), step(every:, gamma:), cosine(minLr:).
     * @param choice what one of those returns
     */
    public void schedule(Object choice) {
        if (!(choice instanceof ScheduleSpec schedule)) {
            throw new KeywordError("schedule", Messages.get("dsl.schedules", Args.describe(choice)));
        }
        change("schedule", () -> spec.withSchedule(schedule.withWarmup(spec.schedule().warmupSteps())));
    }

    /**
     * {@code fixed()}: the learning rate stays.
     * @return the schedule
     */
    public ScheduleSpec fixed() {
        return ScheduleSpec.fixed();
    }

    /**
     * Multiply the learning rate by gamma every {@code every} epochs.
     * @param options every: and gamma:
     * @return the schedule
     */
    public ScheduleSpec step(Map<String, Object> options) {
        Args.allowOnly("step", options, Set.of("every", "gamma"));
        int every = Args.toInt("step", "every", options.getOrDefault("every", 1));
        float gamma = Args.toFloat("step", "gamma", options.getOrDefault("gamma", 0.1f));
        return KeywordError.checked("step", () -> ScheduleSpec.step(every, gamma));
    }

    /**
     * Cosine decay over the whole training, down to minLr.
     * @param options minLr:
     * @return the schedule
     */
    public ScheduleSpec cosine(Map<String, Object> options) {
        Args.allowOnly("cosine", options, Set.of("minLr"));
        float minLr = Args.toFloat("cosine", "minLr", options.getOrDefault("minLr", 0f));
        return KeywordError.checked("cosine", () -> ScheduleSpec.cosine(minLr));
    }

    /**
     * Cosine decay over the whole training, down to 0.
     * @return the schedule
     */
    public ScheduleSpec cosine() {
        return ScheduleSpec.cosine(0f);
    }

    /**
     * Linear warm-up over this many optimizer steps before the schedule.
     * @param steps a whole number, 0 for none
     */
    public void warmup(Object steps) {
        int n = Args.toInt("warmup", "steps", steps);
        change("warmup", () -> spec.withSchedule(spec.schedule().withWarmup(n)));
    }

    /**
     * {@code loss softmaxCrossEntropy()}: the only loss for classification here, and the default.
     * @param choice what softmaxCrossEntropy() returns
     */
    public void loss(Object choice) {
        if (choice instanceof LossKind loss) {
            change("loss", () -> spec.withLoss(loss));
            return;
        }
        String name = Args.toText("loss", "name", choice);
        LossKind loss = KeywordError.checked("loss", () -> LossKind.named(name));
        change("loss", () -> spec.withLoss(loss));
    }

    /**
     * Softmax and cross-entropy, as PyTorch's CrossEntropyLoss.
     * @return the loss
     */
    public LossKind softmaxCrossEntropy() {
        return LossKind.SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * {@code device auto}, {@code device cpu}, {@code device gpu} or {@code device gpu(1)}.
     * @param choice one of those
     */
    public void device(Object choice) {
        String d = Args.toText("device", "choice", choice);
        change("device", () -> spec.withDevice(d));
    }

    /**
     * {@code auto}: a GPU when DJL reports one, else the CPU.
     * @return the device's name
     */
    public String getAuto() {
        return "auto";
    }

    /**
     * {@code cpu}.
     * @return the device's name
     */
    public String getCpu() {
        return "cpu";
    }

    /**
     * {@code gpu}: the first GPU.
     * @return the device's name
     */
    public String getGpu() {
        return "gpu";
    }

    /**
     * {@code gpu(1)}: GPU number N.
     * @param index the GPU's number
     * @return the device's name
     */
    public String gpu(Object index) {
        return "gpu:" + Args.toInt("gpu", "index", index);
    }

    /**
     * {@code seed 42}: seeds initialisation and shuffling.
     * @param value a whole number
     */
    public void seed(Object value) {
        int seed = Args.toInt("seed", "value", value);
        change("seed", () -> spec.withSeed(seed));
    }

    /**
     * Record loss and accuracy every N batches (the seed's record_interval).
     * @param batches a whole number, at least 1
     */
    public void recordEvery(Object batches) {
        int n = Args.toInt("recordEvery", "batches", batches);
        change("recordEvery", () -> spec.withRecordEvery(n));
    }

    /**
     * {@code shuffle false}: keep the training images in file order.
     * @param enabled true or false
     */
    public void shuffle(Object enabled) {
        boolean on = Args.toBoolean("shuffle", enabled);
        change("shuffle", () -> spec.withShuffle(on));
    }

    /**
     * Trains N times with seeds seed, seed+1, …; the summary gives each epoch's mean ± sd, min and max.
     * @param n 1 to 1000
     */
    public void repeats(Object n) {
        int count = Args.toInt("repeats", "count", n);
        change("repeats", () -> spec.withRepeats(count));
    }

    /**
     * {@code keepBest 'validation'}: the final parameters are the best epoch's by validation accuracy, not the last.
     * @param by 'validation', or false
     */
    public void keepBest(Object by) {
        if (!"validation".equals(by) && !(by instanceof Boolean)) {
            throw new KeywordError("keepBest", Messages.get("dsl.keepBest", Args.describe(by)));
        }
        boolean on = !Boolean.FALSE.equals(by);
        change("keepBest", () -> spec.withKeepBest(on));
    }

    /**
     * Early stopping: stop after N epochs without a better validation accuracy, keeping the best epoch's parameters.
     * @param epochs a whole number, 0 never stops
     */
    public void patience(Object epochs) {
        int n = Args.toInt("patience", "epochs", epochs);
        change("patience", () -> spec.withPatience(n));
    }

    /** The learning rate alone, for {@code --set train.lr=...}. */
    void lr(Object value) {
        float lr = Args.toFloat("lr", "value", value);
        change("lr", () -> spec.withOptimizer(optimizerOf("lr", Map.of("lr", lr), Set.of("lr"), spec.optimizer())));
    }

    TrainSpec build() {
        return spec;
    }
}
