package mnistlab.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Writes a picture drawn with Java2D as PNG or SVG, chosen by the file's extension, atomically.
 * The painter draws in logical units (width x height); a PNG is rendered at {@code dpi / 72}
 * pixels per unit.
 */
public final class Pictures {
    /** The resolution written into pictures unless a plot asks for another. */
    public static final int DEFAULT_DPI = 72;

    static {
        // ImageIO's default temp-file cache registers a shutdown hook on first use; during Ctrl-C's
        // shutdown that throws, and the plots written after a stopped training were lost.
        ImageIO.setUseCache(false);
    }

    private Pictures() {
    }

    /**
     * Writes a picture as PNG or SVG, by the file's extension, atomically.
     * @param file a .png or .svg file
     * @param width in pixels
     * @param height in pixels
     * @param dpi written into a PNG
     * @param painter draws the picture
     * @throws IOException when the file cannot be written
     */
    public static void save(Path file, int width, int height, int dpi, Consumer<Graphics2D> painter) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            VectorGraphics2D g = new VectorGraphics2D();
            paintOn(g, width, height, painter);
            AtomicFiles.write(file, out -> new SVGProcessor().getDocument(g.getCommands(),
                    new PageSize(width, height)).writeTo(out));
        } else if (name.endsWith(".png")) {
            AtomicFiles.write(file, out -> ImageIO.write(render(width, height, dpi, painter), "png", out));
        } else {
            throw new IllegalArgumentException(Messages.get("plot.pictureKind", file));
        }
    }

    /**
     * The picture as a bitmap at the given resolution.
     * @param width in pixels
     * @param height in pixels
     * @param dpi the resolution the painter may scale for
     * @param painter draws the picture
     * @return the image
     */
    public static BufferedImage render(int width, int height, int dpi, Consumer<Graphics2D> painter) {
        double scale = dpi / (double) DEFAULT_DPI;
        BufferedImage image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(scale, scale);
            paintOn(g, width, height, painter);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintOn(Graphics2D g, int width, int height, Consumer<Graphics2D> painter) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.accept(g);
    }
}
