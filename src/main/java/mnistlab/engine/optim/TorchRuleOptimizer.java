package mnistlab.engine.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optimizers DJL declares but its PyTorch engine does not implement (its {@code nagUpdate},
 * {@code rmspropUpdate}, {@code adagradUpdate} and {@code adadeltaUpdate} throw), written by
 * hand with in-place NDArray operations after PyTorch's formulas. Per-parameter state arrays
 * live beside the weights (same device) and are freed with the builder's {@link OptimizerState}.
 */
public final class TorchRuleOptimizer extends Optimizer {

    /** The update rules, with the number of state arrays each keeps per parameter. */
    public enum Rule {
        /** SGD with Nesterov momentum: one momentum buffer. */
        NESTEROV(1),
        /** RMSProp: the running average of squared gradients. */
        RMSPROP(1),
        /** Adagrad: the sum of squared gradients. */
        ADAGRAD(1),
        /** Adadelta: running averages of squared gradients and of squared updates. */
        ADADELTA(2);

        private final int states;

        Rule(int states) {
            this.states = states;
        }
    }

    private final Rule rule;
    private final ParameterTracker learningRate;
    private final float momentum;
    private final float rho;
    private final float epsilon;
    private final Map<String, NDArray[]> states = new ConcurrentHashMap<>();
    private final OptimizerState owner;

    private TorchRuleOptimizer(Builder builder) {
        super(builder);
        this.rule = builder.rule;
        this.learningRate = builder.learningRate;
        this.momentum = builder.momentum;
        this.rho = builder.rho;
        this.epsilon = builder.epsilon;
        this.owner = builder.owner;
    }

    /**
     * A builder for one of the rules.
     * @param rule the update rule
     * @return the builder
     */
    public static Builder builder(Rule rule) {
        return new Builder(rule);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDArray[] state = states.computeIfAbsent(parameterId, k -> {
            NDArray[] s = new NDArray[rule.states];
            for (int i = 0; i < s.length; i++) {
                s[i] = owner.track(weight.zerosLike());
            }
            return s;
        });
        try (NDArray g = grad.mul(rescaleGrad)) {
            float decay = getWeightDecay();
            if (decay > 0) {
                try (NDArray d = weight.mul(decay)) {
                    g.addi(d);
                }
            }
            step(weight, g, state, lr);
        }
        grad.subi(grad); // libtorch accumulates gradients: clear them, as DJL's built-in updates do
    }

    private void step(NDArray weight, NDArray g, NDArray[] state, float lr) {
        switch (rule) {
            case NESTEROV -> {
                NDArray buf = state[0];
                buf.muli(momentum).addi(g);
                try (NDArray ahead = buf.mul(momentum)) {
                    ahead.addi(g).muli(lr);
                    weight.subi(ahead);
                }
            }
            case RMSPROP -> {
                try (NDArray g2 = g.square()) {
                    state[0].muli(rho).addi(g2.muli(1 - rho));
                }
                stepScaledBySqrt(weight, g, state[0], lr);
            }
            case ADAGRAD -> {
                try (NDArray g2 = g.square()) {
                    state[0].addi(g2);
                }
                stepScaledBySqrt(weight, g, state[0], lr);
            }
            case ADADELTA -> {
                NDArray square = state[0];
                NDArray accumulatedDelta = state[1];
                try (NDArray g2 = g.square()) {
                    square.muli(rho).addi(g2.muli(1 - rho));
                }
                try (NDArray std = square.add(epsilon).powi(0.5f);
                     NDArray delta = accumulatedDelta.add(epsilon).powi(0.5f)) {
                    delta.divi(std).muli(g);
                    try (NDArray d2 = delta.square()) {
                        accumulatedDelta.muli(rho).addi(d2.muli(1 - rho));
                    }
                    weight.subi(delta.muli(lr));
                }
            }
        }
    }

    /** weight -= lr * g / (sqrt(accumulator) + epsilon), RMSProp's and Adagrad's shared step. */
    private void stepScaledBySqrt(NDArray weight, NDArray g, NDArray accumulator, float lr) {
        try (NDArray denominator = accumulator.sqrt()) {
            denominator.addi(epsilon);
            try (NDArray delta = g.div(denominator)) {
                weight.subi(delta.muli(lr));
            }
        }
    }

    /** Builds one rule's optimizer; DJL's common options (weight decay, gradient rescaling) apply. */
    public static final class Builder extends ScopedOptimizerBuilder<Builder> {
        private final Rule rule;
        private float momentum = 0.9f;
        private float rho = 0.9f;

        private Builder(Rule rule) {
            this.rule = rule;
        }

        /**
         * The momentum, for Nesterov.
         * @param value the momentum
         * @return this builder
         */
        public Builder optMomentum(float value) {
            this.momentum = value;
            return this;
        }

        /**
         * The decay of RMSProp's and Adadelta's running averages (PyTorch's alpha and rho).
         * @param value the decay
         * @return this builder
         */
        public Builder optRho(float value) {
            this.rho = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @return the optimizer */
        public TorchRuleOptimizer build() {
            checkComplete();
            return new TorchRuleOptimizer(this);
        }
    }
}
