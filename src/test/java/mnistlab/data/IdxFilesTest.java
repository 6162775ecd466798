package mnistlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFilesTest {
    @TempDir
    Path dir;

    private static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(body);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private IdxFormatException failure(String name, byte[] content) throws IOException {
        Path f = file(name, content);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFiles.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    @Test
    void writesAndReadsRawAndGzipTheSame() throws IOException {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        IdxArray images = IdxArray.ofUnsignedBytes(pixels, 3, 4, 5);
        IdxFiles.write(dir.resolve("raw"), images, false);
        // A gzip file with no .gz in its name: compression is told by the content.
        IdxFiles.write(dir.resolve("compressed"), images, true);

        assertEquals(IdxFiles.MAGIC_IMAGES, images.magic());
        assertEquals(16 + pixels.length, Files.size(dir.resolve("raw")));
        assertTrue(IdxFiles.isGzip(dir.resolve("compressed")));
        assertEquals(images, IdxFiles.readImages(dir.resolve("raw")));
        assertEquals(images, IdxFiles.readImages(dir.resolve("compressed")));
        assertArrayEquals(new int[] {3, 4, 5}, IdxFiles.read(dir.resolve("compressed")).dims());
    }

    @Test
    void readsOtherIdxTypes() throws IOException {
        byte[] body = new byte[2 * 3 * 4];
        Path f = file("floats", idx(0x00000D02, new int[] {2, 3}, body));
        IdxArray a = IdxFiles.read(f);
        assertEquals(IdxType.FLOAT, a.type());
        assertArrayEquals(new int[] {2, 3}, a.dims());
    }

    @Test
    void wrongMagic() throws IOException {
        IdxFormatException e = failure("bad-magic", idx(0x12340803, new int[] {1, 1, 1}, new byte[1]));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("wrong magic number 0x12340803"), e.getMessage());
    }

    @Test
    void unknownTypeByte() throws IOException {
        IdxFormatException e = failure("bad-type", idx(0x00000703, new int[] {1, 1, 1}, new byte[1]));
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("unknown IDX data type 0x07"), e.getMessage());
    }

    @Test
    void zeroDimensionCount() throws IOException {
        IdxFormatException e = failure("no-dims", idx(0x00000800, new int[0], new byte[0]));
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains("0 dimensions"), e.getMessage());
    }

    @Test
    void zeroDimension() throws IOException {
        IdxFormatException e = failure("zero-rows", idx(IdxFiles.MAGIC_IMAGES, new int[] {5, 0, 28}, new byte[0]));
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("dimension 1 is 0"), e.getMessage());
    }

    @Test
    void truncatedMagic() throws IOException {
        IdxFormatException e = failure("two-bytes", new byte[] {0, 0});
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void truncatedDimensions() throws IOException {
        byte[] full = idx(IdxFiles.MAGIC_IMAGES, new int[] {1, 2, 2}, new byte[4]);
        byte[] cut = Arrays.copyOf(full, 10);
        IdxFormatException e = failure("cut-header", cut);
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("truncated header: 3 dimensions need 16 header bytes"), e.getMessage());
    }

    @Test
    void truncatedBodyRawAndGzip() throws IOException {
        byte[] full = idx(IdxFiles.MAGIC_IMAGES, new int[] {2, 3, 3}, new byte[18]);
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        IdxFormatException raw = failure("cut-body", cut);
        IdxFormatException gz = failure("cut-body-gz", gzip(cut));
        for (IdxFormatException e : List.of(raw, gz)) {
            assertEquals(16 + 13, e.offset());
            assertTrue(e.getMessage().contains("truncated body: the header claims [2, 3, 3] UBYTE = 18 body bytes"),
                    e.getMessage());
        }
    }

    @Test
    void countDisagreesWithFileSize() throws IOException {
        byte[] longer = idx(IdxFiles.MAGIC_LABELS, new int[] {3}, new byte[5]);
        IdxFormatException raw = failure("extra", longer);
        IdxFormatException gz = failure("extra-gz", gzip(longer));
        for (IdxFormatException e : List.of(raw, gz)) {
            assertEquals(8 + 3, e.offset());
            assertTrue(e.getMessage().contains("count disagrees with file size"), e.getMessage());
            assertTrue(e.getMessage().contains("2 more"), e.getMessage());
        }
    }

    @Test
    void absurdHeaderFailsFastWithoutAllocating() throws IOException {
        // 2^31 images of 28x28 claimed by a 16-byte header, raw and compressed.
        byte[] header = idx(IdxFiles.MAGIC_IMAGES, new int[] {Integer.MIN_VALUE, 28, 28}, new byte[0]);
        for (IdxFormatException e : List.of(failure("huge", header), failure("huge-gz", gzip(header)))) {
            assertTrue(e.getMessage().contains("absurd"), e.getMessage());
            assertTrue(e.getMessage().contains("[2147483648, 28, 28]"), e.getMessage());
        }
        // Within the array limit, but the file is far smaller than claimed: caught by the size check.
        IdxFormatException e = failure("big", idx(IdxFiles.MAGIC_IMAGES, new int[] {1_000_000, 28, 28}, new byte[0]));
        assertTrue(e.getMessage().contains("truncated body"), e.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(IdxFiles.MAGIC_LABELS, new int[] {100}, new byte[100]));
        gz[gz.length / 2] ^= 0x5a;
        gz[gz.length / 2 + 1] ^= 0x5a;
        IOException e = assertThrows(IOException.class, () -> IdxFiles.read(file("broken.gz", gz)));
        assertTrue(e.getMessage().contains("broken.gz"), e.getMessage());
    }

    @Test
    void labelOutsideClassRange() throws IOException {
        Path f = file("labels", idx(IdxFiles.MAGIC_LABELS, new int[] {4}, new byte[] {1, 9, 10, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFiles.readLabels(f, 10));
        assertEquals(8 + 2, e.offset());
        assertTrue(e.getMessage().contains("label 10 of item 2 is outside 0-9"), e.getMessage());
    }

    @Test
    void imagesWhereLabelsExpected() throws IOException {
        Path f = file("images", idx(IdxFiles.MAGIC_IMAGES, new int[] {1, 1, 1}, new byte[1]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFiles.readLabels(f, 10));
        assertTrue(e.getMessage().contains("0x00000803 for labels: expected 0x00000801"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = file("img", idx(IdxFiles.MAGIC_IMAGES, new int[] {3, 2, 2}, new byte[12]));
        Path labels = file("lbl", idx(IdxFiles.MAGIC_LABELS, new int[] {2}, new byte[2]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> ImageSet.fromIdx(
                IdxFiles.readImages(images), images, IdxFiles.readLabels(labels, 10), labels, Datasets.MNIST.classNames()));
        assertTrue(e.getMessage().contains("holds 2 labels but " + images + " holds 3 images"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> IdxFiles.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
