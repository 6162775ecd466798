package mnistlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Colour tiles of one size in rows under a title, each with a caption: what the inspection
 * pictures draw (ImageGrid draws grey images as make_grid does; these tiles are overlays and maps
 * already coloured, scaled up with square pixels).
 * @param tiles the pictures, any size: each is drawn into a side x side square
 * @param columns tiles per row
 * @param side a tile's side on the page, in pixels
 * @param title the title, or null
 * @param captions one per tile
 * @param colours the captions' colours, one per tile
 * @param fontFamily the font family
 */
record TileSheet(List<BufferedImage> tiles, int columns, int side, String title, List<String> captions,
                 List<Color> colours, String fontFamily) {
    private static final int GAP = 4;
    private static final int TITLE_SIZE = 16;
    private static final int CAPTION_SIZE = 12;

    TileSheet {
        tiles = List.copyOf(tiles);
        captions = List.copyOf(captions);
        colours = List.copyOf(colours);
        if (tiles.isEmpty() || columns <= 0 || side <= 0 || captions.size() != tiles.size() || colours.size() != tiles.size()) {
            throw new IllegalArgumentException("a sheet needs tiles, each with a caption and its colour");
        }
    }

    int width() {
        return Math.min(columns, tiles.size()) * (side + GAP) + GAP;
    }

    int height() {
        return titleHeight() + rows() * (side + CAPTION_SIZE + 6 + GAP) + GAP;
    }

    private int rows() {
        return (tiles.size() + columns - 1) / columns;
    }

    private int titleHeight() {
        return title == null || title.isEmpty() ? 0 : 2 * TITLE_SIZE;
    }

    void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        if (titleHeight() > 0) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(fontFamily, Font.BOLD, TITLE_SIZE));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, Math.max(0, (width() - fm.stringWidth(title)) / 2), TITLE_SIZE + TITLE_SIZE / 2);
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(fontFamily, Font.PLAIN, CAPTION_SIZE));
        FontMetrics fm = g.getFontMetrics();
        int cell = side + CAPTION_SIZE + 6 + GAP;
        for (int i = 0; i < tiles.size(); i++) {
            int x = GAP + (i % columns) * (side + GAP);
            int y = titleHeight() + GAP + (i / columns) * cell;
            g.drawImage(tiles.get(i), x, y, side, side, null);
            g.setColor(colours.get(i));
            String caption = captions.get(i);
            g.drawString(caption, x + Math.max(0, (side - fm.stringWidth(caption)) / 2), y + side + CAPTION_SIZE + 2);
        }
    }
}
