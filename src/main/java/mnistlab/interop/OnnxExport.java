package mnistlab.interop;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import mnistlab.data.Datasets;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.i18n.Messages;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A run's model as an ONNX graph (opset 17, the batch dimension named N): input {@code pixels}
 * [N, 1, 28, 28] in [0, 1], light ink on a dark ground as MNIST; the run's normalisation is the
 * graph's first two nodes; outputs {@code logits} and {@code probabilities} [N, classes].
 * Preprocessing that is not arithmetic on pixels (deskewing, ink-width normalisation) is stated
 * in the model's metadata instead. Lambda layers are Groovy code and cannot be exported.
 */
final class OnnxExport {
    static final int OPSET = 17;
    /** ONNX 1.12's IR version, the first with opset 17. */
    private static final long IR_VERSION = 8;
    private static final AttributeProto[] NONE = new AttributeProto[0];

    private OnnxExport() {
    }

    /**
     * @param spec       the run's spec
     * @param parameters each parameter by its address ({@code 0.weight})
     * @param runDir     the run folder, for messages
     */
    static ModelProto model(ExperimentSpec spec, Map<String, Tensor> parameters, Path runDir) throws InteropException {
        OnnxGraph g = new OnnxGraph(spec.name());
        g.input(OnnxGraph.floatValue("pixels", 1, Datasets.IMAGE_ROWS, Datasets.IMAGE_COLS));
        DatasetSpec data = spec.dataset();
        String x = "pixels";
        if (data.normalized()) {
            x = g.node("Sub", x, g.constant("mean", data.mean()));
            x = g.node("Div", x, g.constant("std", data.std()));
        }
        int rank = 4;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (layer instanceof LayerSpec.Linear && rank == 2) {
                x = g.node("Gemm", null, new AttributeProto[] {OnnxGraph.integer("transB", 1)}, x,
                        weight(g, parameters, i, "weight"), weight(g, parameters, i, "bias"));
            } else if (layer instanceof LayerSpec.Linear) {
                Tensor w = parameters.get(i + ".weight");
                x = g.node("MatMul", x, g.initializer(i + ".weight_transposed", new long[] {w.shape()[1], w.shape()[0]},
                        transpose(w)));
                x = g.node("Add", x, weight(g, parameters, i, "bias"));
            } else if (layer instanceof LayerSpec.Conv2d c) {
                x = g.node("Conv", null, new AttributeProto[] {OnnxGraph.ints("kernel_shape", c.kernel(), c.kernel()),
                        OnnxGraph.ints("strides", c.stride(), c.stride()),
                        OnnxGraph.ints("pads", c.padding(), c.padding(), c.padding(), c.padding())},
                        x, weight(g, parameters, i, "weight"), weight(g, parameters, i, "bias"));
            } else if (layer instanceof LayerSpec.Pool p) {
                AttributeProto kernel = OnnxGraph.ints("kernel_shape", p.kernel(), p.kernel());
                AttributeProto strides = OnnxGraph.ints("strides", p.stride(), p.stride());
                AttributeProto pads = OnnxGraph.ints("pads", p.padding(), p.padding(), p.padding(), p.padding());
                x = p.max() ? g.node("MaxPool", null, new AttributeProto[] {kernel, strides, pads}, x)
                        // DJL's average pooling counts the padding in, as PyTorch's does by default
                        : g.node("AveragePool", null, new AttributeProto[] {kernel, strides, pads,
                                OnnxGraph.integer("count_include_pad", 1)}, x);
            } else if (layer instanceof LayerSpec.Flatten) {
                x = g.node("Flatten", null, new AttributeProto[] {OnnxGraph.integer("axis", 1)}, x);
                rank = 2;
            } else if (layer instanceof LayerSpec.BatchNorm) {
                x = g.node("BatchNormalization", null, new AttributeProto[] {OnnxGraph.real("epsilon", 1e-5f)}, x,
                        weight(g, parameters, i, "weight"), weight(g, parameters, i, "bias"),
                        weight(g, parameters, i, "running_mean"), weight(g, parameters, i, "running_var"));
            } else if (layer instanceof LayerSpec.Activation a) {
                x = activation(g, a, x);
            } else if (layer instanceof LayerSpec.Lambda l) {
                throw new InteropException(Messages.get("interop.onnxLambda", runDir, i, l.name()));
            } else if (!(layer instanceof LayerSpec.Dropout)) { // dropout does nothing at inference
                throw new InteropException(Messages.get("interop.onnxLayer", runDir, i, layer.kind()));
            }
        }
        int classes = data.classes().size();
        g.node("Identity", "logits", NONE, x);
        g.node("Softmax", "probabilities", new AttributeProto[] {OnnxGraph.integer("axis", 1)}, "logits");
        g.output(OnnxGraph.floatValue("logits", classes));
        g.output(OnnxGraph.floatValue("probabilities", classes));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("mnist-lab")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.build())
                .addMetadataProps(meta("input", "pixels [N, 1, 28, 28]: grey values in [0, 1], light ink on a dark ground"
                        + (data.normalized() ? "; the graph normalises them" : "")))
                .addMetadataProps(meta("preprocessing", preprocessing(data)))
                .addMetadataProps(meta("classes", String.join(",", data.classes())))
                .build();
    }

    private static String activation(OnnxGraph g, LayerSpec.Activation a, String x) {
        return switch (a.function()) {
            case RELU -> g.node("Relu", x);
            case SIGMOID -> g.node("Sigmoid", x);
            case TANH -> g.node("Tanh", x);
            case LEAKY_RELU -> g.node("LeakyRelu", null, new AttributeProto[] {OnnxGraph.real("alpha", a.alpha())}, x);
            // Gelu is an operator only from opset 20: x/2 (1 + erf(x / sqrt 2)), as PyTorch computes it
            case GELU -> g.node("Mul", g.node("Mul", x, g.constant("half_" + x, 0.5f)),
                    g.node("Add", g.constant("one_" + x, 1f), g.node("Erf", g.node("Div", x, g.constant("sqrt2_" + x, (float) Math.sqrt(2))))));
        };
    }

    private static String preprocessing(DatasetSpec data) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "pixels / 255, %d x %d", Datasets.IMAGE_ROWS,
                Datasets.IMAGE_COLS));
        if (data.deskew()) {
            sb.append("; deskewed by the image moments before the model (not in this graph)");
        }
        if (data.normalizedWidth() > 0) {
            sb.append("; ink stretched to a width of ").append(data.normalizedWidth()).append(" pixels (not in this graph)");
        }
        if (data.normalized()) {
            sb.append(String.format(Locale.ROOT, "; (x - %s) / %s in the graph", data.mean(), data.std()));
        }
        return sb.toString();
    }

    private static String weight(OnnxGraph g, Map<String, Tensor> parameters, int layer, String role) {
        String address = layer + "." + role;
        Tensor t = parameters.get(address);
        return g.initializer(address, t.shape(), t.values());
    }

    private static float[] transpose(Tensor w) {
        int rows = (int) w.shape()[0];
        int cols = (int) w.shape()[1];
        float[] v = w.values();
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
