package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/**
 * An optimizer and its hyper-parameters. Fields an optimizer does not use are ignored; the
 * factories give each its usual defaults (PyTorch's where DJL agrees).
 */
public record OptimizerSpec(Kind kind, float learningRate, float momentum, boolean nesterov, float weightDecay,
                            float beta1, float beta2, float epsilon, float rho) {

    public enum Kind { SGD, ADAM, ADAMW, RMSPROP, ADAGRAD, ADADELTA }

    public OptimizerSpec {
        if (!(learningRate > 0) && kind != Kind.ADADELTA) {
            throw new IllegalArgumentException(Messages.get("spec.lr", learningRate));
        }
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException(Messages.get("spec.momentum"));
        }
    }

    public static OptimizerSpec sgd(float lr, float momentum, boolean nesterov) {
        return new OptimizerSpec(Kind.SGD, lr, momentum, nesterov, 0f, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    public static OptimizerSpec adam(float lr) {
        return new OptimizerSpec(Kind.ADAM, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    public static OptimizerSpec adamW(float lr, float weightDecay) {
        return new OptimizerSpec(Kind.ADAMW, lr, 0f, false, weightDecay, 0.9f, 0.999f, 1e-8f, 0.9f);
    }

    public static OptimizerSpec rmsProp(float lr) {
        return new OptimizerSpec(Kind.RMSPROP, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-8f, 0.99f);
    }

    public static OptimizerSpec adagrad(float lr) {
        return new OptimizerSpec(Kind.ADAGRAD, lr, 0f, false, 0f, 0.9f, 0.999f, 1e-10f, 0.9f);
    }

    public static OptimizerSpec adadelta(float rho) {
        return new OptimizerSpec(Kind.ADADELTA, 1f, 0f, false, 0f, 0.9f, 0.999f, 1e-6f, rho);
    }

    public OptimizerSpec withWeightDecay(float decay) {
        return new OptimizerSpec(kind, learningRate, momentum, nesterov, decay, beta1, beta2, epsilon, rho);
    }
}
