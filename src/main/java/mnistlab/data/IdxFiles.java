package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed.
 * Compression is recognised by the content (the gzip magic bytes), not by the file name.
 * Every problem is reported as an {@link IdxFormatException} naming the file and byte offset;
 * the body size a header claims is checked before anything that size is allocated.
 */
public final class IdxFiles {

    /** Magic numbers of MNIST's label and image files. */
    public static final int MAGIC_LABELS = 0x00000801;
    /** MNIST's images: unsigned bytes in three dimensions. */
    public static final int MAGIC_IMAGES = 0x00000803;

    /** More dimensions than this is taken as a corrupt header rather than data. */
    public static final int MAX_DIMENSIONS = 8;

    /** The largest body a Java byte array can hold. */
    static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxFiles() {
    }

    /**
     * True when the file starts with the gzip magic bytes.
     * @param file the file
     * @return whether it starts with gzip's magic bytes
     * @throws IOException when the file cannot be read
     */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        }
    }

    /**
     * Opens the file's decompressed content (plain bytes when it is not gzip).
     * @param file the file
     * @return its content, unpacked when gzip-compressed
     * @throws IOException when the file cannot be read
     */
    public static InputStream openContent(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * Reads an IDX file, raw or gzip-compressed, checking its structure before allocating what its header claims.
     * @param file the file
     * @return its array
     * @throws IOException naming the file, the byte offset and what was expected
     */
    public static IdxArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Messages.get("idx.missing"));
        }
        boolean gzip = isGzip(file);
        // For a raw file the size on disk bounds the body, so a lying header fails before allocation.
        long rawSize = gzip ? -1 : Files.size(file);
        try (InputStream in = openContent(file)) {
            return read(file, in, rawSize);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file, 0, Messages.get("idx.gzip", e.getMessage()));
        }
    }

    private static IdxArray read(Path file, InputStream in, long rawSize) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException(file, magic.length, Messages.get("idx.shortMagic", magic.length));
        }
        int magicNumber = readInt(magic, 0);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(file, 0, Messages.get("idx.magicZeros", magicNumber, MAGIC_LABELS, MAGIC_IMAGES));
        }
        IdxType type = IdxType.forCode(magic[2] & 0xff);
        if (type == null) {
            throw new IdxFormatException(file, 2, Messages.get("idx.magicType", magicNumber, magic[2] & 0xff));
        }
        int ndims = magic[3] & 0xff;
        if (ndims == 0 || ndims > MAX_DIMENSIONS) {
            throw new IdxFormatException(file, 3, Messages.get("idx.magicDims", magicNumber, ndims, MAX_DIMENSIONS));
        }
        byte[] dimBytes = in.readNBytes(4 * ndims);
        long headerLength = 4L + 4L * ndims;
        if (dimBytes.length < 4 * ndims) {
            throw new IdxFormatException(file, 4 + dimBytes.length,
                    Messages.get("idx.shortHeader", ndims, headerLength, 4 + dimBytes.length));
        }
        int[] dims = new int[ndims];
        long bodyBytes = type.size();
        for (int i = 0; i < ndims; i++) {
            long d = readInt(dimBytes, 4 * i) & 0xffffffffL;
            long offset = 4L + 4L * i;
            if (d == 0) {
                throw new IdxFormatException(file, offset, Messages.get("idx.zeroDimension", i));
            }
            bodyBytes *= d; // both factors below 2^32, so the product cannot overflow a long
            if (bodyBytes > MAX_BODY_BYTES) {
                throw new IdxFormatException(file, offset, Messages.get("idx.absurd", describe(dimBytes, ndims), type, MAX_BODY_BYTES));
            }
            dims[i] = (int) d;
        }
        if (rawSize >= 0 && rawSize - headerLength != bodyBytes) {
            throw sizeMismatch(file, headerLength, bodyBytes, rawSize - headerLength, dims, type);
        }
        // readNBytes grows its buffer as bytes arrive, so a gzip stream that lies costs no more than it holds.
        byte[] body = in.readNBytes((int) bodyBytes);
        if (body.length < bodyBytes) {
            throw sizeMismatch(file, headerLength, bodyBytes, body.length, dims, type);
        }
        if (in.read() != -1) {
            long extra = 1 + in.transferTo(OutputStream.nullOutputStream());
            throw sizeMismatch(file, headerLength, bodyBytes, bodyBytes + extra, dims, type);
        }
        return new IdxArray(type, dims, body);
    }

    private static IdxFormatException sizeMismatch(Path file, long headerLength, long expected, long actual,
                                                   int[] dims, IdxType type) {
        String claim = Messages.get("idx.claim", Arrays.toString(dims), type, expected);
        if (actual < expected) {
            return new IdxFormatException(file, headerLength + actual, Messages.get("idx.shortBody", claim, actual));
        }
        return new IdxFormatException(file, headerLength + expected, Messages.get("idx.longBody", claim, actual - expected));
    }

    private static String describe(byte[] dimBytes, int ndims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ndims; i++) {
            sb.append(i == 0 ? "" : ", ").append(readInt(dimBytes, 4 * i) & 0xffffffffL);
        }
        return sb.append(']').toString();
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /**
     * Writes an IDX file atomically; gzip-compressed when asked.
     * @param file the file
     * @param array the array
     * @param gzip whether to compress
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, IdxArray array, boolean gzip) throws IOException {
        AtomicFiles.write(file, out -> {
            OutputStream sink = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
            data.writeInt(array.magic());
            for (int d : array.dims()) {
                data.writeInt(d);
            }
            data.write(array.bodyView());
            data.flush();
            if (gzip) {
                ((GZIPOutputStream) sink).finish();
            }
        });
    }

    /**
     * Reads an MNIST-style image file: unsigned bytes, three dimensions (count, rows, columns).
     * @param file an IDX image file
     * @return its array
     * @throws IOException naming what is wrong
     */
    public static IdxArray readImages(Path file) throws IOException {
        return expect(file, read(file), MAGIC_IMAGES, "images");
    }

    /**
     * Reads an MNIST-style label file: unsigned bytes, one dimension, every label below classCount.
     * @param file an IDX label file
     * @param classCount labels must be below it
     * @return its array
     * @throws IOException naming what is wrong
     */
    public static IdxArray readLabels(Path file, int classCount) throws IOException {
        IdxArray labels = expect(file, read(file), MAGIC_LABELS, "labels");
        byte[] body = labels.bodyView();
        for (int i = 0; i < body.length; i++) {
            int label = body[i] & 0xff;
            if (label >= classCount) {
                throw new IdxFormatException(file, 8L + i, Messages.get("idx.label", label, i, classCount - 1));
            }
        }
        return labels;
    }

    private static IdxArray expect(Path file, IdxArray array, int magic, String what) throws IdxFormatException {
        if (array.magic() != magic) {
            throw new IdxFormatException(file, 0, Messages.get("idx.magicFor", array.magic(), what, magic));
        }
        return array;
    }
}
