package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.UniformInitializer;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.List;

/** Turns the spec's layer list into a DJL {@link SequentialBlock} and infers shapes before any training. */
public final class Networks {

    private Networks() {
    }

    /**
     * One DJL block per layer, in the order {@link #runOrder} gives. Convolution and linear layers
     * start as PyTorch's do (weights and biases uniform in ±1/sqrt(fan-in)), not with DJL's Xavier
     * default, so the seed script's hyper-parameters behave here as they do there; fan-in comes from
     * each layer's input shape.
     * @param layers the model's layers
     * @param input one image's shape, batch axis first
     * @return the block, not yet initialised
     */
    public static SequentialBlock build(List<LayerSpec> layers, Shape input) {
        SequentialBlock block = new SequentialBlock();
        Shape current = input;
        List<LayerSpec> run = runOrder(layers);
        for (int i = 0; i < run.size(); i++) {
            LayerSpec layer = run.get(i);
            Block b = toBlock(layer);
            long fanIn = layer instanceof LayerSpec.Conv2d c ? current.get(1) * c.kernel() * c.kernel()
                    : layer instanceof LayerSpec.Linear ? current.get(current.dimension() - 1) : 0;
            if (fanIn > 0) {
                UniformInitializer pytorchDefault = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
                b.setInitializer(pytorchDefault, Parameter.Type.WEIGHT);
                b.setInitializer(pytorchDefault, Parameter.Type.BIAS);
            }
            block.add(b);
            current = outputShape(i, layer, current);
        }
        return block;
    }

    /**
     * The layers in the order they run: a ReLU directly followed by a max pooling runs after it.
     * Max and ReLU commute, so values and gradients are the same, and the ReLU (and its backward)
     * sees a quarter of the values. On 2 cores ReLU's backward over the first convolution's
     * channels-last activations took 3.5-9 ms of a training step on real images (docs/performance.md).
     * Both are parameterless, so the parameter-holding blocks keep their places and saved runs load.
     * @param layers the model's layers as written
     * @return the same layers, each ReLU-then-max-pooling pair swapped
     */
    static List<LayerSpec> runOrder(List<LayerSpec> layers) {
        List<LayerSpec> run = new ArrayList<>();
        for (int specIndex : runPositions(layers)) {
            run.add(layers.get(specIndex));
        }
        return run;
    }

    /**
     * For each block of the built model, in order, the spec index of its layer (see {@link #runOrder}).
     * @param layers the model's layers as written
     * @return block position to spec index
     */
    static int[] runPositions(List<LayerSpec> layers) {
        int[] run = new int[layers.size()];
        for (int i = 0; i < run.length; i++) {
            run[i] = i;
        }
        for (int i = 0; i + 1 < run.length; i++) {
            if (layers.get(i) instanceof LayerSpec.Activation a && a.function() == LayerSpec.ActivationKind.RELU
                    && layers.get(i + 1) instanceof LayerSpec.Pool p && p.max()) {
                run[i] = i + 1;
                run[i + 1] = i;
                i++;
            }
        }
        return run;
    }

    static Block toBlock(LayerSpec layer) {
        if (layer instanceof LayerSpec.Conv2d c) {
            return Conv2d.builder().setFilters(c.filters())
                    .setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride()))
                    .optPadding(new Shape(c.padding(), c.padding())).build();
        } else if (layer instanceof LayerSpec.Linear l) {
            return Linear.builder().setUnits(l.units()).build();
        } else if (layer instanceof LayerSpec.Activation a) {
            return switch (a.function()) {
                case RELU -> Activation.reluBlock();
                case SIGMOID -> Activation.sigmoidBlock();
                case TANH -> Activation.tanhBlock();
                case GELU -> Activation.geluBlock();
                case LEAKY_RELU -> Activation.leakyReluBlock(a.alpha());
            };
        } else if (layer instanceof LayerSpec.Pool p) {
            Shape k = new Shape(p.kernel(), p.kernel());
            Shape s = new Shape(p.stride(), p.stride());
            Shape pad = new Shape(p.padding(), p.padding());
            return p.max() ? Pool.maxPool2dBlock(k, s, pad) : Pool.avgPool2dBlock(k, s, pad);
        } else if (layer instanceof LayerSpec.Flatten) {
            return Blocks.batchFlattenBlock();
        } else if (layer instanceof LayerSpec.Dropout d) {
            return Dropout.builder().optRate(d.rate()).build();
        } else if (layer instanceof LayerSpec.BatchNorm) {
            return BatchNorm.builder().build();
        } else if (layer instanceof LayerSpec.Lambda l) {
            return new LambdaBlock(input -> lambdaOutput(l, l.function().apply(input.head())), l.name());
        }
        throw new IllegalArgumentException("no block for layer " + layer);
    }

    /**
     * The output shape of every layer for the given input (batch dimension first), checking that
     * each layer can take what the one before gives and that the last gives [batch, classes].
     *
     * @throws ShapeMismatchException naming the first layer that cannot take its input
     * @param layers the model's layers
     * @param input one image's shape, batch axis first
     * @param classes the logits the model must end in
     * @return each layer's output shape
     */
    public static List<Shape> inferShapes(List<LayerSpec> layers, Shape input, int classes) {
        List<Shape> shapes = new ArrayList<>(layers.size());
        Shape current = input;
        long parameters = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            Shape in = current;
            current = outputShape(i, layer, in);
            shapes.add(current);
            parameters += parameters(layer, in);
            // Checked before anything is allocated: a spec can come from a script or a run folder of anyone's.
            if (parameters > MAX_PARAMETERS) {
                throw new ShapeMismatchException(i, layer.kind(), describe(in),
                        Messages.get("shape.parameters", parameters, MAX_PARAMETERS));
            }
            long perImage = current.size() / Math.max(1, current.get(0));
            if (perImage > MAX_VALUES_PER_IMAGE) {
                throw new ShapeMismatchException(i, layer.kind(), describe(in),
                        Messages.get("shape.values", perImage, MAX_VALUES_PER_IMAGE));
            }
        }
        if (current.dimension() != 2 || current.get(1) != classes) {
            int last = layers.size() - 1;
            throw new ShapeMismatchException(last, layers.get(last).kind(), describe(shapes.size() > 1
                    ? shapes.get(last - 1) : input), Messages.get("shape.logits", classes, describe(current)));
        }
        return shapes;
    }

    /** 100 million: 30 times the seed network, 1.2 GB with Adam's two moments. */
    static final long MAX_PARAMETERS = 100_000_000L;
    /** What one layer may give per image: 80 times the seed network's largest (32 x 28 x 28). */
    static final long MAX_VALUES_PER_IMAGE = 2_000_000L;

    /**
     * The layer's trainable parameter count for this input: all of its parameters but
     * BatchNorm's running mean and variance.
     */
    static long trainableParameters(LayerSpec layer, Shape in) {
        return layer instanceof LayerSpec.BatchNorm ? 2L * in.get(1) : parameters(layer, in);
    }

    /** The layer's parameter count for this input, from the spec alone (nothing allocated). */
    static long parameters(LayerSpec layer, Shape in) {
        if (layer instanceof LayerSpec.Conv2d c) {
            return (long) c.filters() * in.get(1) * c.kernel() * c.kernel() + c.filters();
        } else if (layer instanceof LayerSpec.Linear l) {
            return (long) l.units() * in.get(in.dimension() - 1) + l.units();
        } else if (layer instanceof LayerSpec.BatchNorm) {
            return 4L * in.get(1);
        }
        return 0;
    }

    private static Shape outputShape(int index, LayerSpec layer, Shape in) {
        if (layer instanceof LayerSpec.Conv2d c) {
            requireImages(index, layer, in);
            return new Shape(in.get(0), c.filters(),
                    window(index, layer, in, in.get(2), c.kernel(), c.stride(), c.padding()),
                    window(index, layer, in, in.get(3), c.kernel(), c.stride(), c.padding()));
        } else if (layer instanceof LayerSpec.Pool p) {
            requireImages(index, layer, in);
            if (p.padding() * 2 > p.kernel()) {
                throw new ShapeMismatchException(index, layer.kind(), describe(in), Messages.get("shape.padding", p.padding(), p.kernel()));
            }
            return new Shape(in.get(0), in.get(1),
                    window(index, layer, in, in.get(2), p.kernel(), p.stride(), p.padding()),
                    window(index, layer, in, in.get(3), p.kernel(), p.stride(), p.padding()));
        } else if (layer instanceof LayerSpec.Linear l) {
            if (in.dimension() < 2) {
                throw new ShapeMismatchException(index, layer.kind(), describe(in), Messages.get("shape.features"));
            }
            long[] dims = in.getShape().clone(); // Shape hands out its own array
            dims[dims.length - 1] = l.units();
            return new Shape(dims);
        } else if (layer instanceof LayerSpec.Flatten) {
            return new Shape(in.get(0), in.size() / in.get(0));
        } else if (layer instanceof LayerSpec.BatchNorm) {
            if (in.dimension() < 2) {
                throw new ShapeMismatchException(index, layer.kind(), describe(in), Messages.get("shape.channels"));
            }
            return in;
        } else if (layer instanceof LayerSpec.Lambda l) {
            return lambdaShape(index, l, in);
        }
        return in; // activations and dropout keep the shape
    }

    private static NDList lambdaOutput(LayerSpec.Lambda lambda, Object out) {
        if (out instanceof NDArray array) {
            return new NDList(array);
        }
        if (out instanceof NDList list) {
            return list;
        }
        throw new IllegalArgumentException(Messages.get("shape.lambdaResult", lambda.name(), out == null ? "null" : out.getClass().getSimpleName()));
    }

    private static Shape lambdaShape(int index, LayerSpec.Lambda lambda, Shape in) {
        String kind = lambda.kind() + " " + lambda.name();
        Shape out;
        try {
            out = toBlock(lambda).getOutputShapes(new Shape[] {in})[0];
        } catch (RuntimeException e) {
            throw new ShapeMismatchException(index, kind, describe(in), Messages.get("shape.failed", e.getMessage()));
        }
        if (out.dimension() == 0 || out.get(0) != in.get(0)) {
            throw new ShapeMismatchException(index, kind, describe(in), Messages.get("shape.batch", describe(out)));
        }
        return out;
    }

    private static void requireImages(int index, LayerSpec layer, Shape in) {
        if (in.dimension() != 4) {
            throw new ShapeMismatchException(index, layer.kind(), describe(in), Messages.get("shape.images"));
        }
    }

    private static long window(int index, LayerSpec layer, Shape in, long size, int kernel, int stride, int padding) {
        long out = (size + 2L * padding - kernel) / stride + 1;
        if (size + 2L * padding < kernel) {
            throw new ShapeMismatchException(index, layer.kind(), describe(in), Messages.get("shape.window", kernel, size + 2L * padding));
        }
        return out;
    }

    /**
     * The same images, laid out channels-last in memory (NHWC strides under the NCHW shape), so
     * every convolution, activation and pooling after them stays channels-last. On the CPU
     * libtorch's max pooling is vectorised only for channels-last tensors: inference of 10,000
     * images fell from 2.5-3.1 s to 1.6 s. Values are unchanged; for one channel no copy is made.
     * @param images a batch, channels first
     * @return the same values laid out channels last
     */
    public static NDArray channelsLast(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            return images;
        }
        long n = s.get(0);
        return images.transpose(0, 2, 3, 1).reshape(n, -1).reshape(n, s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }

    /**
     * A shape with its batch dimension written as N: [N, 32, 28, 28].
     * @param shape the shape
     * @return the text
     */
    public static String describe(Shape shape) {
        StringBuilder sb = new StringBuilder("[N");
        for (int i = 1; i < shape.dimension(); i++) {
            sb.append(", ").append(shape.get(i));
        }
        return sb.append(']').toString();
    }
}
