package mnistlab.interop;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** A graph being built node by node through onnx.proto's classes; each node's output is named after it. */
final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int nodes;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A float input or output whose first dimension is the batch, named N. */
    static ValueInfoProto floatValue(String name, long... dimsAfterBatch) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dimsAfterBatch) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    void input(ValueInfoProto value) {
        graph.addInput(value);
    }

    void output(ValueInfoProto value) {
        graph.addOutput(value);
    }

    /** A constant tensor, float32, little-endian raw data as ONNX stores it. */
    String initializer(String name, long[] shape, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar constant. */
    String constant(String name, float value) {
        return initializer(name, new long[0], new float[] {value});
    }

    /**
     * Adds a node; its output takes {@code output}, or a fresh name.
     * @return the output's name
     */
    String node(String opType, String output, AttributeProto[] attributes, String... inputs) {
        String name = opType.toLowerCase(Locale.ROOT) + "_" + nodes++;
        String out = output != null ? output : name;
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(name).addOutput(out);
        for (String in : inputs) {
            node.addInput(in);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return out;
    }

    String node(String opType, String... inputs) {
        return node(opType, null, new AttributeProto[0], inputs);
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    GraphProto build() {
        return graph.build();
    }
}
