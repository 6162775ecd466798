package mnistlab.interop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * safetensors files: an 8-byte header length, a JSON header giving each tensor's type, shape and
 * byte range, then the bytes. Read here with every length checked against the file before
 * anything is allocated (DJL's decoder allocates the header's declared length as it stands);
 * written through DJL's {@link NDList.Encoding#SAFETENSORS}.
 */
public final class SafetensorsFile {
    /** The seed network's header is 1 KB; the format's own reader refuses headers over 100 MB. */
    static final long MAX_HEADER = 100L << 20;

    private SafetensorsFile() {
    }

    /**
     * Reads the tensors, keys in natural order (the format keeps none: "fc10" after "fc2").
     * @param file a .safetensors file
     * @return its tensors
     * @throws InteropException naming the file and what is wrong with it
     * @throws IOException when it cannot be read
     */
    public static StateDict read(Path file) throws IOException {
        ParameterFiles.requireFile(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer length = read(channel, 0, 8, file);
            long headerBytes = length.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerBytes < 2 || headerBytes > Math.min(MAX_HEADER, size - 8)) {
                throw new InteropException(Messages.get("interop.safetensorsHeader", file, headerBytes, size));
            }
            JsonObject header;
            try {
                String json = StandardCharsets.UTF_8.decode(read(channel, 8, (int) headerBytes, file)).toString();
                header = JsonParser.parseString(json).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new InteropException(Messages.get("interop.safetensorsJson", file, e.getMessage()), e);
            }
            long dataStart = 8 + headerBytes;
            List<String> keys = new ArrayList<>(header.keySet());
            keys.remove("__metadata__");
            keys.sort(NaturalOrder.INSTANCE);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String key : keys) {
                tensors.put(key, tensor(channel, file, key, header.get(key), dataStart, size - dataStart));
            }
            return new StateDict(file, tensors);
        }
    }

    private static Tensor tensor(FileChannel channel, Path file, String key, JsonElement entry, long dataStart, long dataBytes)
            throws IOException {
        try {
            JsonObject o = entry.getAsJsonObject();
            StorageType type = StorageType.ofSafetensors(o.get("dtype").getAsString());
            if (type == null) {
                throw new InteropException(Messages.get("interop.notFloat", file, key, o.get("dtype").getAsString()));
            }
            JsonArray dims = o.getAsJsonArray("shape");
            long[] shape = new long[dims.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).getAsLong();
                if (shape[i] < 0 || shape[i] > TensorView.MAX_ELEMENTS || (elements *= shape[i]) > TensorView.MAX_ELEMENTS) {
                    throw new InteropException(Messages.get("interop.tooLarge", file, Tensor.describe(shape), TensorView.MAX_ELEMENTS));
                }
            }
            JsonArray range = o.getAsJsonArray("data_offsets");
            long begin = range.get(0).getAsLong();
            long end = range.get(1).getAsLong();
            if (range.size() != 2 || begin < 0 || end < begin || end > dataBytes || end - begin != elements * type.bytes) {
                throw new InteropException(Messages.get("interop.safetensorsRange", file, key, begin, end,
                        elements * type.bytes, dataBytes));
            }
            ByteBuffer bytes = read(channel, dataStart + begin, (int) (end - begin), file).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[(int) elements];
            for (int i = 0; i < values.length; i++) {
                values[i] = type.read(bytes, i);
            }
            return ParameterFiles.tensor(file, key, type, shape, values);
        } catch (IllegalStateException | ClassCastException | NullPointerException | IndexOutOfBoundsException
                 | NumberFormatException | UnsupportedOperationException e) {
            throw new InteropException(Messages.get("interop.safetensorsEntry", file, key), e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int bytes, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new InteropException(Messages.get("interop.truncated", file));
            }
        }
        return buffer.flip();
    }

    /**
     * Writes the tensors under their keys.
     * @param file    where (written to a temporary file, then moved into place)
     * @param tensors the tensors by key
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList list = new NDList();
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue();
                NDArray array = t.int64() ? manager.create(toLongs(t.values()), new Shape(t.shape()))
                        : manager.create(t.values(), new Shape(t.shape()));
                array.setName(e.getKey());
                list.add(array);
            }
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.SAFETENSORS));
        }
    }

    private static long[] toLongs(float[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = (long) values[i];
        }
        return longs;
    }
}
