package mnistlab.data;

import mnistlab.i18n.Messages;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a picture someone handed over (PNG, JPEG, BMP, GIF), with one clear reason when it cannot:
 * not a file, not a picture, broken, cut off before its end, or too large. The size is read from
 * the header before any pixel is decoded, so a small file that claims a huge picture costs nothing.
 */
public final class ImageFiles {
    /** 40 megapixels: any phone photo, and 160 MB as ARGB at most. */
    public static final long MAX_PIXELS = 40_000_000L;
    private static final int PNG_SIGNATURE = 8;
    private static final int PNG_IEND = 0x49454e44;
    private static final int GIF_SCREEN_FLAGS = 10;
    private static final int GIF_SCREEN_END = 13;
    private static final int GIF_EXTENSION = 0x21;
    private static final int GIF_IMAGE = 0x2c;
    private static final int GIF_TRAILER = 0x3b;

    private ImageFiles() {
    }

    /**
     * The picture; the IOException's message is the reason alone, for the caller to put after the file's name.
     * @param file the picture
     * @return the image
     * @throws IOException naming what the file is instead
     */
    public static BufferedImage read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(Messages.get("image.directory"));
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(Messages.get(Files.exists(file) ? "image.notRegular" : "file.missing"));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, formatOf(file.getFileName().toString()));
        }
    }

    /**
     * A picture sent as bytes (an upload, say); the same checks as for a file.
     * @param bytes a picture's bytes
     * @return the image
     * @throws IOException when they are not a picture this reads
     */
    public static BufferedImage read(byte[] bytes) throws IOException {
        // In memory: ImageIO.createImageInputStream would cache the stream in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(in, "picture");
        }
    }

    private static BufferedImage decode(ImageInputStream in, String format) throws IOException {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(Messages.get("image.unknownFormat"));
            }
            ImageReader reader = readers.next();
            try {
                String kind = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (kind.equals("png") && !reachesPngEnd(in) || kind.equals("gif") && !reachesGifEnd(in)) {
                    throw new IOException(Messages.get("image.truncated", format));
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; at most "
                            + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                // ImageIO decodes what a cut-off JPEG holds and only warns; the rest of it would be grey.
                List<String> cutOff = new ArrayList<>();
                reader.addIIOReadWarningListener((r, warning) -> {
                    if (warning.startsWith("Truncated") || warning.contains("premature end")) {
                        cutOff.add(warning);
                    }
                });
                BufferedImage image = reader.read(0);
                if (!cutOff.isEmpty()) {
                    throw new IOException(Messages.get("image.truncated", format));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (EOFException e) {
            throw new IOException(Messages.get("image.truncated", format), e);
        } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(Messages.get("image.broken", format, e.getMessage()), e);
        }
    }

    /**
     * Whether a PNG's chunks run to its IEND chunk. ImageIO's reader stops at the last row it can
     * decode and answers a cut-off upload (signature, header, part of the data) with a picture.
     */
    private static boolean reachesPngEnd(ImageInputStream in) throws IOException {
        try {
            long at = PNG_SIGNATURE;
            while (true) {
                in.seek(at);
                long length = in.readUnsignedInt();
                int type = in.readInt();
                if (type == PNG_IEND) {
                    return true;
                }
                at += length + 12; // length, type, data, CRC
            }
        } catch (EOFException e) {
            return false;
        } finally {
            in.seek(0); // nothing is flushed yet: the reader starts from the signature
        }
    }

    /**
     * Whether a GIF's blocks run to its trailer. ImageIO's reader fails on a GIF cut inside its
     * pixel data with "I/O error reading image!" and takes one cut just before its trailer.
     */
    private static boolean reachesGifEnd(ImageInputStream in) throws IOException {
        try {
            in.seek(GIF_SCREEN_FLAGS);
            int flags = in.readUnsignedByte();
            long at = GIF_SCREEN_END + colourTable(flags);
            while (true) {
                in.seek(at);
                int block = in.readUnsignedByte();
                if (block == GIF_TRAILER) {
                    return true;
                }
                if (block == GIF_EXTENSION) {
                    at = skipSubBlocks(in, at + 2); // introducer, label
                } else if (block == GIF_IMAGE) {
                    in.seek(at + 9);
                    at = skipSubBlocks(in, at + 10 + colourTable(in.readUnsignedByte()) + 1); // descriptor, table, LZW size
                } else {
                    return true; // not a block GIF has: the reader says what is wrong with it
                }
            }
        } catch (EOFException e) {
            return false;
        } finally {
            in.seek(0);
        }
    }

    private static int colourTable(int flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    /** The position after the sub-blocks starting at {@code at} (each a length byte and its data; a 0 ends them). */
    private static long skipSubBlocks(ImageInputStream in, long at) throws IOException {
        long position = at;
        while (true) {
            in.seek(position);
            int length = in.readUnsignedByte();
            if (length == 0) {
                return position + 1;
            }
            position += 1 + length;
        }
    }

    private static String formatOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "picture" : name.substring(dot + 1).toUpperCase(Locale.ROOT) + " file";
    }
}
