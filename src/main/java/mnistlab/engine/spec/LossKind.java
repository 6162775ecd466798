package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/** The training losses the engine offers, by the names scripts use. */
public enum LossKind {
    SOFTMAX_CROSS_ENTROPY("softmaxCrossEntropy");

    private final String dslName;

    LossKind(String dslName) {
        this.dslName = dslName;
    }

    public String dslName() {
        return dslName;
    }

    public static LossKind named(String name) {
        for (LossKind k : values()) {
            if (k.dslName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(Messages.get("spec.unknownLoss", name));
    }
}
