package mnistlab.interop;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the .pth and safetensors readers and writers share: the file checks and the tensor rules. */
public final class ParameterFiles {
    /** BatchNorm's step counter: stored as int64, not a parameter, and not used here. */
    static final String BATCH_COUNTER = "num_batches_tracked";

    private ParameterFiles() {
    }

    /**
     * A state_dict from a .pth (zip) or a safetensors file, told apart by their first bytes
     * whatever the file's name (a safetensors file without its ending is read as one).
     * @param file the file
     * @return its tensors
     * @throws InteropException naming the file and what is wrong with it
     * @throws IOException when it cannot be read
     */
    public static StateDict read(Path file) throws IOException {
        requireFile(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        boolean zip = head.length >= 2 && head[0] == 'P' && head[1] == 'K';
        // safetensors: an 8-byte header length, then the header's JSON object
        boolean safetensors = head.length == 9 && head[8] == '{'
                || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors");
        return zip || !safetensors ? PthFile.read(file) : SafetensorsFile.read(file);
    }

    static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new InteropException(Messages.get("cli.about", file, Messages.get("file.missing")));
        }
        if (!Files.isRegularFile(file)) {
            throw new InteropException(Messages.get("cli.about", file, Messages.get("file.notRegular")));
        }
    }

    /** A tensor read from a file: float storages become float32; int64 only for BatchNorm's counter. */
    static Tensor tensor(Path file, String key, StorageType type, long[] shape, float[] values) throws InteropException {
        if (type == StorageType.INT64 && !key.endsWith(BATCH_COUNTER)) {
            throw new InteropException(Messages.get("interop.notFloat", file, key, type.safetensorsName));
        }
        return new Tensor(shape, values, type == StorageType.INT64);
    }

    /** The tensor's values as little-endian float32 (or int64) bytes, as both formats store them. */
    static byte[] littleEndian(Tensor t) {
        float[] v = t.values();
        ByteBuffer b = ByteBuffer.allocate(v.length * (t.int64() ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            if (t.int64()) {
                b.putLong((long) x);
            } else {
                b.putFloat(x);
            }
        }
        return b.array();
    }
}
