package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.function.Function;

/** One layer of a sequential model, as the spec describes it; the engine turns it into a DJL block. */
public sealed interface LayerSpec {

    /** @return the layer's kind as users write it: "conv2d", "relu", "maxPool", ... */
    String kind();

    /**
     * A 2-D convolution over square windows.
     * @param filters output channels
     * @param kernel the window's side
     * @param stride how far the window moves
     * @param padding zeros added on every side
     */
    record Conv2d(int filters, int kernel, int stride, int padding) implements LayerSpec {
        /**
         * Checks the sizes.
         * @param filters output channels
         * @param kernel the window's side
         * @param stride how far the window moves
         * @param padding zeros added on every side
         * @throws IllegalArgumentException for a size out of range
         */
        public Conv2d {
            positive("conv2d filters", filters);
            positive("conv2d kernel", kernel);
            positive("conv2d stride", stride);
            notNegative("conv2d padding", padding);
        }

        @Override
        public String kind() {
            return "conv2d";
        }
    }

    /**
     * A fully connected layer.
     * @param units outputs per image
     */
    record Linear(int units) implements LayerSpec {
        /**
         * Checks the size.
         * @param units outputs per image
         * @throws IllegalArgumentException for units below 1
         */
        public Linear {
            positive("linear units", units);
        }

        @Override
        public String kind() {
            return "linear";
        }
    }

    /** An element-wise activation; alpha is leakyRelu's negative slope and ignored by the others. */
    record Activation(ActivationKind function, float alpha) implements LayerSpec {
        @Override
        public String kind() {
            return function.dslName();
        }
    }

    /** The element-wise functions an {@link Activation} applies. */
    enum ActivationKind {
        /** max(0, x). */
        RELU("relu"),
        /** 1 / (1 + e^-x). */
        SIGMOID("sigmoid"),
        /** The hyperbolic tangent. */
        TANH("tanh"),
        /** x times the standard normal distribution function of x. */
        GELU("gelu"),
        /** x above 0, alpha times x below. */
        LEAKY_RELU("leakyRelu");

        private final String dslName;

        ActivationKind(String dslName) {
            this.dslName = dslName;
        }

        /** @return the function's keyword in the DSL */
        public String dslName() {
            return dslName;
        }
    }

    /** Max or average pooling over square windows; stride defaults to the window in the DSL. */
    record Pool(boolean max, int kernel, int stride, int padding) implements LayerSpec {
        /**
         * Checks the sizes.
         * @param max max pooling, else average
         * @param kernel the window's side
         * @param stride how far the window moves
         * @param padding zeros added on every side
         * @throws IllegalArgumentException for a size out of range
         */
        public Pool {
            positive("pool kernel", kernel);
            positive("pool stride", stride);
            notNegative("pool padding", padding);
        }

        @Override
        public String kind() {
            return max ? "maxPool" : "avgPool";
        }
    }

    /** Each image's values in one row. */
    record Flatten() implements LayerSpec {
        @Override
        public String kind() {
            return "flatten";
        }
    }

    /**
     * Dropout while training.
     * @param rate the share of values zeroed, in [0, 1)
     */
    record Dropout(float rate) implements LayerSpec {
        /**
         * Checks the rate.
         * @param rate the share of values zeroed, in [0, 1)
         * @throws IllegalArgumentException for a rate outside [0, 1)
         */
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(Messages.get("spec.dropout", rate));
            }
        }

        @Override
        public String kind() {
            return "dropout";
        }
    }

    /** Batch normalisation over the channels. */
    record BatchNorm() implements LayerSpec {
        @Override
        public String kind() {
            return "batchNorm";
        }
    }

    /**
     * A parameter-free function (a DSL closure, say), called by the engine with the layer's input,
     * a DJL NDArray, and returning an NDArray or NDList; it must keep the batch dimension. The spec
     * holds it as a plain function so that it does not depend on the engine. It cannot be saved
     * into spec.json, so a run using one is reloaded from its script.
     */
    record Lambda(String name, Function<Object, Object> function) implements LayerSpec {
        @Override
        public String kind() {
            return "lambda";
        }
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(Messages.get("spec.positive", what, value));
        }
    }

    private static void notNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(Messages.get("spec.notNegative", what, value));
        }
    }
}
