package mnistlab.engine.optim;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
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
 * (moments and the step count) and is freed with the builder's {@link OptimizerState}. The
 * training loop calls {@link #backwardAndUpdate}, which also takes the gradients; {@link #update}
 * is DJL's per-parameter entry for callers that ran backward themselves.
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
        PtNDArray[] state = state(parameterId, weight);
        run("adam", IValue.listFrom((PtNDArray) weight), IValue.listFrom((PtNDArray) grad), IValue.listFrom(state[0]),
                IValue.listFrom(state[1]), IValue.listFrom(state[2]), IValue.from((double) learningRate(parameterId)));
    }

    /**
     * The loss's gradients with respect to the parameters, and one step on all of them, in one
     * call that leaves their {@code .grad} alone. {@code backward} then {@link #update} adds each
     * step's gradients into the zeroed {@code .grad} of every parameter (a fill and an add over
     * 3.2 million weights of the seed network a step); here libtorch hands back fresh gradients,
     * as PyTorch's {@code zero_grad(set_to_none=True)} leaves them. Call it after the forward pass was
     * recorded, inside or after the gradient collector.
     * @param loss a scalar whose graph reaches the parameters
     * @param parameters the parameters to step, all on one learning rate
     */
    public void backwardAndUpdate(NDArray loss, List<Parameter> parameters) {
        int n = parameters.size();
        if (n == 0) {
            return; // everything frozen: nothing to differentiate for
        }
        PtNDArray[] weights = new PtNDArray[n];
        PtNDArray[] means = new PtNDArray[n];
        PtNDArray[] variances = new PtNDArray[n];
        PtNDArray[] steps = new PtNDArray[n];
        float lr = Float.NaN;
        for (int i = 0; i < n; i++) {
            String id = parameters.get(i).getId();
            float rate = learningRate(id);
            if (i > 0 && rate != lr) {
                throw new IllegalStateException("one FusedAdam step takes one learning rate, but parameter " + id
                        + " has " + rate + " and the others " + lr);
            }
            lr = rate;
            weights[i] = (PtNDArray) parameters.get(i).getArray();
            PtNDArray[] state = state(id, weights[i]);
            means[i] = state[0];
            variances[i] = state[1];
            steps[i] = state[2];
        }
        run("backward_adam", IValue.from((PtNDArray) loss), IValue.listFrom(weights), IValue.listFrom(means),
                IValue.listFrom(variances), IValue.listFrom(steps), IValue.from((double) lr));
    }

    private float learningRate(String parameterId) {
        return learningRate.getNewValue(parameterId, updateCount(parameterId));
    }

    /** The parameter's first and second moments and its step count, made on its first update. */
    private PtNDArray[] state(String parameterId, NDArray weight) {
        return states.computeIfAbsent(parameterId, k -> new PtNDArray[] {
            (PtNDArray) owner.track(weight.zerosLike()), (PtNDArray) owner.track(weight.zerosLike()),
            (PtNDArray) owner.track(weight.getManager().zeros(new Shape(), DataType.FLOAT32, weight.getDevice()))});
    }

    /** Runs a method of the module with the given arguments followed by the hyper-parameters. */
    private void run(String method, IValue... leading) {
        IValue[] arguments = Arrays.copyOf(leading, leading.length + 5);
        arguments[leading.length] = IValue.from((double) beta1);
        arguments[leading.length + 1] = IValue.from((double) beta2);
        arguments[leading.length + 2] = IValue.from((double) epsilon);
        arguments[leading.length + 3] = IValue.from((double) getWeightDecay());
        arguments[leading.length + 4] = IValue.from(decoupled);
        try {
            IValueUtils.runMethod(kernels(), method, arguments).close();
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
