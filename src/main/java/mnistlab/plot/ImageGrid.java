package mnistlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of grey images laid out as torchvision's {@code make_grid}: {@code columns} images per
 * row, {@code padding} pixels around and between them filled with {@code padValue}; optionally
 * scaled up, with a title above and a caption under each tile.
 *
 * @param images   pixels in [0,1], row by row, each rows x cols
 * @param captions one per image, or empty
 * @param colours  the caption colours, one per image, or empty
 */
public record ImageGrid(List<float[]> images, int rows, int cols, int columns, int padding, float padValue,
                        int scale, String title, List<String> captions, List<Color> colours, String fontFamily) {

    static final int TITLE_SIZE = 16;
    static final int CAPTION_SIZE = 12;

    /**
     * Checks the sizes and copies the lists.
     * @param images pixels in [0,1], row by row, each rows x cols
     * @param rows an image's height
     * @param cols an image's width
     * @param columns images per row
     * @param padding pixels between images
     * @param padValue the grey between them, 0 black to 1 white
     * @param scale screen pixels per image pixel
     * @param title the title, or null
     * @param captions one per image, or empty
     * @param colours the caption colours, one per image, or empty
     * @param fontFamily the font family
     * @throws IllegalArgumentException for sizes that make no grid
     */
    public ImageGrid {
        images = List.copyOf(images);
        captions = List.copyOf(captions);
        colours = List.copyOf(colours);
        if (images.isEmpty() || columns <= 0 || padding < 0 || scale <= 0) {
            throw new IllegalArgumentException("a grid needs images, columns > 0, padding >= 0 and scale > 0");
        }
    }

    /**
     * The make_grid raster alone, one pixel per image pixel: (columns*(cols+pad)+pad) wide.
     * @return the images alone, as a grey picture
     */
    public BufferedImage raster() {
        int width = rasterWidth();
        int height = gridRows() * (rows + padding) + padding;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int pad = grey(padValue);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.getRaster().setSample(x, y, 0, pad);
            }
        }
        for (int i = 0; i < images.size(); i++) {
            drawTile(out, images.get(i), padding + (i % columns) * (cols + padding), padding + (i / columns) * (rows + padding));
        }
        return out;
    }

    private void drawTile(BufferedImage out, float[] img, int x0, int y0) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.getRaster().setSample(x0 + c, y0 + r, 0, grey(img[r * cols + c]));
            }
        }
    }

    private int gridRows() {
        return (images.size() + columns - 1) / columns;
    }

    private int rasterWidth() {
        return Math.min(columns, images.size()) * (cols + padding) + padding;
    }

    private static int grey(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    private int titleHeight() {
        return title == null || title.isEmpty() ? 0 : TITLE_SIZE * 2;
    }

    private int captionHeight() {
        return captions.isEmpty() ? 0 : CAPTION_SIZE + 6;
    }

    /** @return the picture's width in pixels */
    public int width() {
        return rasterWidth() * scale;
    }

    /** @return the picture's height in pixels */
    public int height() {
        return titleHeight() + (rows + padding) * scale * gridRows() + padding * scale + captionHeight() * gridRows();
    }

    /**
     * Paints the grid, title and captions.
     * @param g where to paint
     */
    public void paint(Graphics2D g) {
        int top = titleHeight();
        if (top > 0) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(fontFamily, Font.BOLD, TITLE_SIZE));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, Math.max(0, (width() - fm.stringWidth(title)) / 2), TITLE_SIZE + TITLE_SIZE / 2);
        }
        if (captions.isEmpty()) {
            Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            BufferedImage r = raster();
            g.drawImage(r, 0, top, r.getWidth() * scale, r.getHeight() * scale, null);
            if (old != null) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
            }
            return;
        }
        paintCaptioned(g, top);
    }

    /** Each tile with its caption below it; the padding colour fills the gaps. */
    private void paintCaptioned(Graphics2D g, int top) {
        int tileW = cols * scale;
        int tileH = rows * scale;
        int pad = padding * scale;
        int cellH = tileH + captionHeight() + pad;
        g.setColor(new Color(grey(padValue), grey(padValue), grey(padValue)));
        g.fillRect(0, top, width(), gridRows() * cellH + pad);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(fontFamily, Font.PLAIN, CAPTION_SIZE));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < images.size(); i++) {
            int x = pad + (i % columns) * (tileW + pad);
            int y = top + pad + (i / columns) * cellH;
            BufferedImage tile = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
            drawTile(tile, images.get(i), 0, 0);
            g.drawImage(tile, x, y, tileW, tileH, null);
            g.setColor(Color.WHITE);
            g.fillRect(x, y + tileH, tileW, captionHeight());
            g.setColor(colours.isEmpty() ? Color.BLACK : colours.get(i));
            String caption = captions.get(i);
            g.drawString(caption, x + Math.max(0, (tileW - fm.stringWidth(caption)) / 2), y + tileH + CAPTION_SIZE + 2);
        }
    }
}
