package mnistlab.interop;

import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code torch.save(state_dict)} files, in the zip format PyTorch writes since 1.6: a pickle at
 * {@code <archive>/data.pkl} naming storages kept as {@code <archive>/data/<key>}. Nothing is
 * extracted; each storage is read only after the pickle has declared it, within its limits.
 */
public final class PthFile {
    /** PyTorch's own storage keys are numbers; anything else in a key is not looked up. */
    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,40}");
    private static final String ARCHIVE = "archive";

    private PthFile() {
    }

    /**
     * Reads a state_dict.
     * @param file a .pth file
     * @return its tensors, in the pickle's order
     * @throws InteropException naming the file and what is wrong with it
     * @throws IOException when it cannot be read
     */
    public static StateDict read(Path file) throws IOException {
        ParameterFiles.requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, file);
            ByteOrder order = byteOrder(zip, prefix, file);
            ZipEntry pickleEntry = zip.getEntry(prefix + "data.pkl");
            byte[] pickle;
            try (InputStream in = zip.getInputStream(pickleEntry)) {
                pickle = in.readNBytes(StateDictPickle.MAX_BYTES + 1);
            }
            if (pickle.length > StateDictPickle.MAX_BYTES) {
                throw new InteropException(Messages.get("interop.pickleTooLarge", file, StateDictPickle.MAX_BYTES));
            }
            Map<String, TensorView> views = StateDictPickle.read(pickle, file + " (" + pickleEntry.getName() + ")");
            requireModelSized(views, file);
            Map<String, ByteBuffer> storages = new HashMap<>();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, TensorView> e : views.entrySet()) {
                TensorView view = e.getValue();
                ByteBuffer storage = storages.get(view.storage().key());
                if (storage == null) {
                    storage = storage(zip, prefix, view.storage(), e.getKey(), file).order(order);
                    storages.put(view.storage().key(), storage);
                }
                tensors.put(e.getKey(), ParameterFiles.tensor(file, e.getKey(), view.storage().type(), view.size(),
                        gather(storage, view)));
            }
            return new StateDict(file, tensors);
        } catch (ZipException e) {
            throw new InteropException(Messages.get(legacy(file) ? "interop.legacyPth" : "interop.notZip", file), e);
        }
    }

    /**
     * The storages together hold no more than twice the largest model's values (its parameters
     * and BatchNorm's statistics), checked before any is read: each may be deflated, so its
     * entry's size says nothing about what inflating it costs.
     */
    private static void requireModelSized(Map<String, TensorView> views, Path file) throws InteropException {
        Map<String, Long> storages = new HashMap<>();
        views.values().forEach(v -> storages.put(v.storage().key(), v.storage().elements()));
        long total = storages.values().stream().mapToLong(Long::longValue).sum();
        if (total > 2 * TensorView.MAX_ELEMENTS) {
            throw new InteropException(Messages.get("interop.tooLarge", file, "[" + total + "] in all", 2 * TensorView.MAX_ELEMENTS));
        }
    }

    /** The folder every entry sits in (torch.save names it after the file); data.pkl must be in it. */
    private static String archivePrefix(ZipFile zip, Path file) throws InteropException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                return name.substring(0, slash + 1);
            }
        }
        throw new InteropException(Messages.get("interop.noPickle", file));
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN; // before PyTorch 1.10 no byteorder entry was written: little
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
            return switch (order) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new InteropException(Messages.get("interop.byteOrder", file, order));
            };
        }
    }

    private static ByteBuffer storage(ZipFile zip, String prefix, TensorView.Storage storage, String key, Path file)
            throws IOException {
        ZipEntry entry = STORAGE_KEY.matcher(storage.key()).matches() ? zip.getEntry(prefix + "data/" + storage.key()) : null;
        if (entry == null) {
            throw new InteropException(Messages.get("interop.noStorage", file, prefix + "data/" + storage.key(), key));
        }
        long needed = storage.elements() * storage.type().bytes;
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = entry.getSize() >= 0 && entry.getSize() < needed ? new byte[0] : in.readNBytes((int) needed);
        }
        if (bytes.length < needed) {
            throw new InteropException(Messages.get("interop.shortStorage", file, entry.getName(), key, needed,
                    Math.max(entry.getSize(), bytes.length)));
        }
        return ByteBuffer.wrap(bytes);
    }

    /** The view's elements in row-major order, following its strides. */
    private static float[] gather(ByteBuffer storage, TensorView view) {
        long[] size = view.size();
        long[] stride = view.stride();
        float[] values = new float[(int) view.elements()];
        StorageType type = view.storage().type();
        long[] at = new long[size.length];
        for (int i = 0; i < values.length; i++) {
            long index = view.offset();
            for (int d = 0; d < size.length; d++) {
                index += at[d] * stride[d];
            }
            values[i] = type.read(storage, (int) index);
            for (int d = size.length - 1; d >= 0 && ++at[d] == size[d]; d--) {
                at[d] = 0;
            }
        }
        return values;
    }

    /** Before PyTorch 1.6 (or with _use_new_zipfile_serialization=False) the file was bare pickles. */
    private static boolean legacy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xff) == 0x80;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a state_dict as {@code torch.save} does, which {@code torch.load(f, weights_only=True)} reads.
     * @param file    where (written to a temporary file, then moved into place)
     * @param tensors the tensors by key, in the order a module registers them
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        Map<String, String> storageKeys = new LinkedHashMap<>();
        for (String key : tensors.keySet()) {
            storageKeys.put(key, Integer.toString(storageKeys.size()));
        }
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                stored(zip, ARCHIVE + "/data.pkl", StateDictPickleWriter.write(tensors, storageKeys));
                stored(zip, ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                    stored(zip, ARCHIVE + "/data/" + storageKeys.get(e.getKey()), ParameterFiles.littleEndian(e.getValue()));
                }
                stored(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    /** PyTorch reads its storages in place: entries are stored, not deflated. */
    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
