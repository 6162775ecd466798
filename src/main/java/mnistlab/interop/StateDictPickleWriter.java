package mnistlab.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the pickle of a state_dict as {@code torch.save} does (protocol 2): an OrderedDict of
 * {@code torch._utils._rebuild_tensor_v2} calls on persistent storages, nothing else, so that
 * {@code torch.load(f, weights_only=True)} accepts it. Hand-written: it is one fixed shape of
 * about 20 opcodes, and net.razorvine:pickle's Pickler would need JVM-wide custom picklers for
 * the storages' persistent ids.
 */
final class StateDictPickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private StateDictPickleWriter() {
    }

    /** The pickle for these tensors, each in its own storage {@code data/<storageKeys[key]>}. */
    static byte[] write(Map<String, Tensor> tensors, Map<String, String> storageKeys) {
        StateDictPickleWriter w = new StateDictPickleWriter();
        w.op(0x80).op(2);
        w.global("collections", "OrderedDict").op(')').op('R');
        w.op('(');
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long[] shape = t.shape();
            w.text(e.getKey());
            w.global("torch._utils", "_rebuild_tensor_v2").op('(');
            w.op('(').text("storage").global("torch", t.int64() ? StorageType.INT64.storageClass : StorageType.FLOAT32.storageClass)
                    .text(storageKeys.get(e.getKey())).text("cpu").integer(t.values().length).op('t').op('Q');
            w.integer(0).tuple(shape).tuple(contiguousStrides(shape)).op(0x89);
            w.global("collections", "OrderedDict").op(')').op('R');
            w.op('t').op('R');
        }
        w.op('u').op('.');
        return w.out.toByteArray();
    }

    static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= shape[i];
        }
        return strides;
    }

    private StateDictPickleWriter op(int code) {
        out.write(code);
        return this;
    }

    private StateDictPickleWriter global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private StateDictPickleWriter text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    private StateDictPickleWriter integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').op((int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M').op((int) (v & 0xff)).op((int) (v >>> 8));
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            return this;
        }
        op(0x8a).op(8);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        return this;
    }

    private StateDictPickleWriter tuple(long[] values) {
        if (values.length == 0) {
            return op(')');
        }
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }
}
