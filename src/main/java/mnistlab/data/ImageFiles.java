package mnistlab.data;

import mnistlab.i18n.Messages;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Reads a picture someone handed over (PNG, JPEG, BMP, GIF), with one clear reason when it cannot:
 * not a file, not a picture, broken, or too large. The size is read from the header before any
 * pixel is decoded, so a small file that claims a huge picture costs nothing.
 */
public final class ImageFiles {
    /** 40 megapixels: any phone photo, and 160 MB as ARGB at most. */
    public static final long MAX_PIXELS = 40_000_000L;

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
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; at most "
                            + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(Messages.get("image.broken", format, e.getMessage()), e);
        }
    }

    private static String formatOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "picture" : name.substring(dot + 1).toUpperCase(Locale.ROOT) + " file";
    }
}
