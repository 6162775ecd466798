package mnistlab.engine.optim;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PyTorch's Adam and AdamW through libtorch's fused kernels ({@code aten::_fused_adam_},
 * {@code _fused_adamw_}): one pass over a parameter, its gradient and its two moments, where DJL's
 * {@code adamUpdate} makes about a dozen (a clone of the gradient, weight decay added even when it
 * is 0, four temporaries) and was a sixth of a training step of the seed network on 2 cores. DJL's
 * JNI has no such operator; libtorch runs it from a TorchScript method in {@code fused_adam.pt}
 * (made by {@code build/torchscript/fused_adam.py}). The formula is PyTorch's, epsilon added to the
 * bias-corrected root as {@code torch.optim.Adam} does; per-parameter state lives beside the weight
 * (moments and the step count) and is freed with the builder's {@link OptimizerState}.
 */
public final class FusedAdam extends Optimizer {
    /** Held for the process: DJL's model closes its module when it is garbage-collected. */
    private static Model kernels;

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean decoupled;
    private final OptimizerState owner;
    private final Map<String, PtNDArray[]> states = new ConcurrentHashMap<>();

    private FusedAdam(Builder builder) {
        super(builder);
        if (rescaleGrad != 1f || clipGrad >= 0) {
            throw new IllegalArgumentException("FusedAdam neither rescales nor clips gradients");
        }
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.decoupled = builder.decoupled;
        this.owner = builder.owner;
    }

    /**
     * A builder.
     * @param decoupled AdamW's weight decay (the weight shrinks by lr · decay) rather than Adam's L2
     * @return the builder
     */
    public static Builder builder(boolean decoupled) {
        return new Builder(decoupled);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        PtNDArray[] state = states.computeIfAbsent(parameterId, k -> new PtNDArray[] {
            (PtNDArray) owner.track(weight.zerosLike()), (PtNDArray) owner.track(weight.zerosLike()),
            (PtNDArray) owner.track(weight.getManager().zeros(new Shape(), DataType.FLOAT32, weight.getDevice()))});
        IValue[] arguments = {
            IValue.listFrom((PtNDArray) weight), IValue.listFrom((PtNDArray) grad), IValue.listFrom(state[0]),
            IValue.listFrom(state[1]), IValue.listFrom(state[2]), IValue.from((double) lr), IValue.from((double) beta1),
            IValue.from((double) beta2), IValue.from((double) epsilon), IValue.from((double) getWeightDecay()),
            IValue.from(decoupled)};
        try {
            IValueUtils.runMethod(kernels(), "adam", arguments).close();
        } finally {
            for (IValue argument : arguments) {
                argument.close();
            }
        }
    }

    /** The TorchScript module, loaded once a process: it holds no parameters, only the method. */
    private static synchronized PtSymbolBlock kernels() {
        if (kernels == null) {
            Model model = Model.newInstance("fused-adam", Device.cpu(), "PyTorch");
            try (InputStream in = FusedAdam.class.getResourceAsStream("fused_adam.pt")) {
                model.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MalformedModelException e) {
                throw new IllegalStateException("fused_adam.pt does not load in this libtorch", e);
            }
            kernels = model;
        }
        return (PtSymbolBlock) kernels.getBlock();
    }

    /** Builds Adam or AdamW; DJL's weight decay option applies, gradient rescaling and clipping do not. */
    public static final class Builder extends ScopedOptimizerBuilder<Builder> {
        private final boolean decoupled;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;

        private Builder(boolean decoupled) {
            this.decoupled = decoupled;
        }

        /**
         * The first moment's decay.
         * @param value beta1
         * @return this builder
         */
        public Builder optBeta1(float value) {
            this.beta1 = value;
            return this;
        }

        /**
         * The second moment's decay.
         * @param value beta2
         * @return this builder
         */
        public Builder optBeta2(float value) {
            this.beta2 = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The optimizer.
         * @return Adam or AdamW
         */
        public FusedAdam build() {
            checkComplete();
            return new FusedAdam(this);
        }
    }
}
