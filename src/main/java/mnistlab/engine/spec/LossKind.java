package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

/** The training losses the engine offers, by the names scripts use. */
public enum LossKind {
    /** Softmax and cross-entropy on the logits, as PyTorch's CrossEntropyLoss. */
    SOFTMAX_CROSS_ENTROPY("softmaxCrossEntropy");

    private final String dslName;

    LossKind(String dslName) {
        this.dslName = dslName;
    }

    /** @return the name scripts use */
    public String dslName() {
        return dslName;
    }

    /**
     * The loss a script names.
     * @param name the name
     * @return the loss
     * @throws IllegalArgumentException for an unknown name
     */
    public static LossKind named(String name) {
        for (LossKind k : values()) {
            if (k.dslName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(Messages.get("spec.unknownLoss", name));
    }
}
