package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/**
 * An optimizer and its hyper-parameters. Fields an optimizer does not use are ignored; the
 * factories give each its usual defaults (PyTorch's where DJL agrees).
 */
public record OptimizerSpec(Kind kind, float learningRate, float momentum, boolean nesterov, float weightDecay,
                            float beta1, float beta2, float epsilon, float rho) {

    /** The optimizers DJL offers, by the DSL's names. */
    public enum Kind {
        /** Stochastic gradient descent, with momentum and Nesterov if asked. */
        SGD,
        /** Adam. */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW,
        /** RMSProp. */
        RMSPROP,
        /** Adagrad. */
        ADAGRAD,
        /** Adadelta. */
        ADADELTA
    }

    /**
     * Checks each value.
     * @param kind which optimizer
     * @param learningRate the learning rate (Adadelta ignores it)
     * @param momentum SGD's momentum
     * @param nesterov SGD's Nesterov momentum
     * @param weightDecay weight decay (decoupled for AdamW)
     * @param beta1 Adam's first-moment decay
     * @param beta2 Adam's second-moment decay
     * @param epsilon added to denominators
     * @param rho RMSProp's and Adadelta's decay
     * @throws IllegalArgumentException naming the first value out of range
     */
    public OptimizerSpec {
        if (!(learningRate > 0) && kind != Kind.ADADELTA) {
            throw new IllegalArgumentException(Messages.get("spec.lr", learningRate));
        }
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException(Messages.get("spec.momentum"));
        }
    }

    /**
     * SGD.
     * @param lr the learning rate
     * @param momentum 0 for none
     * @param nesterov Nesterov momentum (needs a positive momentum)
     * @return the optimizer
     */
    public static OptimizerSpec sgd(float lr, float momentum, boolean nesterov) {
        return new OptimizerSpec(Kind.SGD, lr, momentum, nesterov, 0f, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    /**
     * Adam with PyTorch's betas and epsilon.
     * @param lr the learning rate
     * @return the optimizer
     */
    public static OptimizerSpec adam(float lr) {
        return new OptimizerSpec(Kind.ADAM, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    /**
     * AdamW.
     * @param lr the learning rate
     * @param weightDecay decoupled weight decay
     * @return the optimizer
     */
    public static OptimizerSpec adamW(float lr, float weightDecay) {
        return new OptimizerSpec(Kind.ADAMW, lr, 0f, false, weightDecay, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    /**
     * RMSProp.
     * @param lr the learning rate
     * @return the optimizer
     */
    public static OptimizerSpec rmsProp(float lr) {
        return new OptimizerSpec(Kind.RMSPROP, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-8f, 0.99f);
    }

    /**
     * Adagrad.
     * @param lr the learning rate
     * @return the optimizer
     */
    public static OptimizerSpec adagrad(float lr) {
        return new OptimizerSpec(Kind.ADAGRAD, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-10f, 0.9f);
    }

    /**
     * Adadelta, which has no learning rate of its own.
     * @param rho the decay of its running averages
     * @return the optimizer
     */
    public static OptimizerSpec adadelta(float rho) {
        return new OptimizerSpec(Kind.ADADELTA, 1f, 0f, false, 0f, 0.9f, 0.999f, 1e-6f, rho);
    }

    /**
     * A copy with weight decay.
     * @param decay added to the gradients (decoupled for AdamW)
     * @return the optimizer
     */
    public OptimizerSpec withWeightDecay(float decay) {
        return new OptimizerSpec(kind, learningRate, momentum, nesterov, decay, beta1, beta2, epsilon, rho);
    }
}
