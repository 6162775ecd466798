package mnistlab.dsl;

import mnistlab.engine.spec.DeviceSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.ScheduleSpec;
import mnistlab.engine.spec.TrainSpec;

import java.util.Map;
import java.util.Set;

/** {@code train { ... }}: epochs, batch size, optimizer, schedule, loss, device, seed. Defaults are the seed script's. */
public class TrainDsl {
    private final TrainSpec defaults = TrainSpec.seedDefaults();
    private int epochsValue = defaults.epochs();
    private int batchSizeValue = defaults.batchSize();
    private OptimizerSpec optimizerValue = defaults.optimizer();
    private ScheduleSpec scheduleValue = defaults.schedule();
    private int warmupValue;
    private String lossValue = defaults.loss();
    private String deviceValue = defaults.device();
    private long seedValue = defaults.seed();
    private int recordEveryValue = defaults.recordEvery();
    private boolean shuffleValue = defaults.shuffle();

    public void epochs(Object n) {
        epochsValue = Args.positive("epochs", "count", n);
    }

    public void batchSize(Object n) {
        batchSizeValue = Args.positive("batchSize", "size", n);
    }

    /** {@code optimizer adam(lr: 5e-4)}; see adam, adamW, sgd, rmsProp, adagrad, adadelta. */
    public void optimizer(Object choice) {
        if (!(choice instanceof OptimizerSpec spec)) {
            throw new KeywordError("optimizer", "'optimizer' takes adam(...), adamW(...), sgd(...), rmsProp(...), adagrad(...)"
                    + " or adadelta(...), not " + Args.describe(choice));
        }
        optimizerValue = spec;
    }

    public OptimizerSpec adam(Map<String, Object> options) {
        return optimizerOf("adam", options, Set.of("lr", "beta1", "beta2", "eps", "weightDecay"),
                OptimizerSpec.adam(lr("adam", options, 1e-3f)));
    }

    public OptimizerSpec adamW(Map<String, Object> options) {
        return optimizerOf("adamW", options, Set.of("lr", "beta1", "beta2", "eps", "weightDecay"),
                OptimizerSpec.adamW(lr("adamW", options, 1e-3f), 0.01f));
    }

    public OptimizerSpec sgd(Map<String, Object> options) {
        Args.allowOnly("sgd", options, Set.of("lr", "momentum", "nesterov", "weightDecay"));
        if (!options.containsKey("lr")) {
            throw new KeywordError("sgd", "'sgd' needs lr: (PyTorch has no default either)");
        }
        boolean nesterov = options.containsKey("nesterov") && Args.toBoolean("sgd", options.get("nesterov"));
        float momentum = Args.toFloat("sgd", "momentum", options.getOrDefault("momentum", 0));
        if (nesterov && momentum <= 0) {
            throw new KeywordError("sgd", "'sgd' with nesterov: true needs a positive momentum:");
        }
        return optimizerOf("sgd", options, Set.of("lr", "momentum", "nesterov", "weightDecay"),
                OptimizerSpec.sgd(lr("sgd", options, 0f), momentum, nesterov));
    }

    public OptimizerSpec rmsProp(Map<String, Object> options) {
        return optimizerOf("rmsProp", options, Set.of("lr", "alpha", "eps", "weightDecay"),
                OptimizerSpec.rmsProp(lr("rmsProp", options, 1e-2f)));
    }

    public OptimizerSpec adagrad(Map<String, Object> options) {
        return optimizerOf("adagrad", options, Set.of("lr", "eps", "weightDecay"),
                OptimizerSpec.adagrad(lr("adagrad", options, 1e-2f)));
    }

    public OptimizerSpec adadelta(Map<String, Object> options) {
        return optimizerOf("adadelta", options, Set.of("lr", "rho", "eps", "weightDecay"),
                OptimizerSpec.adadelta(0.9f));
    }

    private static float lr(String keyword, Map<String, Object> options, float fallback) {
        float lr = options.containsKey("lr") ? Args.toFloat(keyword, "lr", options.get("lr")) : fallback;
        if (!(lr > 0)) {
            throw new KeywordError(keyword, "'" + keyword + "' lr must be positive, not " + lr);
        }
        return lr;
    }

    private static OptimizerSpec optimizerOf(String keyword, Map<String, Object> options, Set<String> allowed,
                                             OptimizerSpec base) {
        Args.allowOnly(keyword, options, allowed);
        float lr = options.containsKey("lr") ? Args.toFloat(keyword, "lr", options.get("lr")) : base.learningRate();
        float wd = Args.toFloat(keyword, "weightDecay", options.getOrDefault("weightDecay", base.weightDecay()));
        float beta1 = Args.toFloat(keyword, "beta1", options.getOrDefault("beta1", base.beta1()));
        float beta2 = Args.toFloat(keyword, "beta2", options.getOrDefault("beta2", base.beta2()));
        float eps = Args.toFloat(keyword, "eps", options.getOrDefault("eps", base.epsilon()));
        float rho = Args.toFloat(keyword, "rho", options.getOrDefault("rho", options.getOrDefault("alpha", base.rho())));
        try {
            return new OptimizerSpec(base.kind(), lr, base.momentum(), base.nesterov(), wd, beta1, beta2, eps, rho);
        } catch (IllegalArgumentException e) {
            throw new KeywordError(keyword, "'" + keyword + "': " + e.getMessage());
        }
    }

    /** {@code schedule cosine(minLr: 1e-5)}; see fixed(), step(every:, gamma:), cosine(minLr:). */
    public void schedule(Object choice) {
        if (!(choice instanceof ScheduleSpec spec)) {
            throw new KeywordError("schedule", "'schedule' takes fixed(), step(every: N, gamma: G) or cosine(minLr: L), not "
                    + Args.describe(choice));
        }
        scheduleValue = spec;
    }

    public ScheduleSpec fixed() {
        return ScheduleSpec.fixed();
    }

    /** Multiply the learning rate by gamma every {@code every} epochs. */
    public ScheduleSpec step(Map<String, Object> options) {
        Args.allowOnly("step", options, Set.of("every", "gamma"));
        int every = Args.positive("step", "every", options.getOrDefault("every", 1));
        float gamma = Args.toFloat("step", "gamma", options.getOrDefault("gamma", 0.1f));
        return ScheduleSpec.step(every, gamma);
    }

    /** Cosine decay over the whole training, down to minLr. */
    public ScheduleSpec cosine(Map<String, Object> options) {
        Args.allowOnly("cosine", options, Set.of("minLr"));
        return ScheduleSpec.cosine(Args.toFloat("cosine", "minLr", options.getOrDefault("minLr", 0f)));
    }

    public ScheduleSpec cosine() {
        return ScheduleSpec.cosine(0f);
    }

    /** Linear warm-up over this many optimizer steps before the schedule. */
    public void warmup(Object steps) {
        warmupValue = Args.positive("warmup", "steps", steps);
    }

    /** {@code loss softmaxCrossEntropy()}: the only loss for classification here, and the default. */
    public void loss(Object name) {
        String n = Args.toText("loss", "name", name);
        if (!"softmaxCrossEntropy".equals(n)) {
            throw new KeywordError("loss", "unknown loss '" + n + "'" + Suggestions.didYouMean(n, Set.of("softmaxCrossEntropy")));
        }
        lossValue = n;
    }

    public String softmaxCrossEntropy() {
        return "softmaxCrossEntropy";
    }

    /** {@code device auto}, {@code device cpu}, {@code device gpu} or {@code device gpu(1)}. */
    public void device(Object choice) {
        String d = Args.toText("device", "choice", choice);
        try {
            DeviceSpec.parse(d);
        } catch (IllegalArgumentException e) {
            throw new KeywordError("device", e.getMessage());
        }
        deviceValue = d;
    }

    public String getAuto() {
        return "auto";
    }

    public String getCpu() {
        return "cpu";
    }

    public String getGpu() {
        return "gpu";
    }

    public String gpu(Object index) {
        return "gpu:" + Args.toInt("gpu", "index", index);
    }

    public void seed(Object value) {
        seedValue = Args.toInt("seed", "value", value);
    }

    /** Record loss and accuracy every N batches (the seed's record_interval). */
    public void recordEvery(Object batches) {
        recordEveryValue = Args.positive("recordEvery", "batches", batches);
    }

    public void shuffle(Object enabled) {
        shuffleValue = Args.toBoolean("shuffle", enabled);
    }

    /** The learning rate alone, for {@code --set train.lr=...}. */
    void lr(Object value) {
        float lr = Args.toFloat("lr", "value", value);
        optimizerValue = optimizerOf("lr", Map.of("lr", lr), Set.of("lr"), optimizerValue);
    }

    TrainSpec build() {
        return new TrainSpec(epochsValue, batchSizeValue, optimizerValue, scheduleValue.withWarmup(warmupValue), lossValue, deviceValue, seedValue,
                recordEveryValue, shuffleValue);
    }
}
