package mnistlab;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** MNIST digits rendered the way people photograph digits, for tests of picture classification. */
public final class DigitPhotos {
    private DigitPhotos() {
    }

    /**
     * A "1" as a person draws it on the page's 280x280 canvas: a black bar on white paper.
     * @param left where the stroke starts
     * @param width how thick it is
     * @return the drawing
     */
    public static BufferedImage drawnOne(int left, int width) {
        BufferedImage drawing = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = drawing.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setColor(Color.BLACK);
        g.fillRect(left, 40, width, 200);
        g.dispose();
        return drawing;
    }

    /** The digit drawn 4x larger, dark on light, somewhere on a larger page, with sensor noise and a warm tint. */
    public static BufferedImage photograph(float[] pixels, int index, Random noise) {
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < pixels.length; i++) {
            int ink = Math.round(235 - 200 * pixels[i]);
            digit.setRGB(i % 28, i / 28, (ink << 16) | (Math.round(ink * 0.97f) << 8) | Math.round(ink * 0.9f));
        }
        BufferedImage page = new BufferedImage(180, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(235, 228, 211));
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(digit, 4 + index % 60, 4 + (index * 7) % 30, 112, 112, null);
        g.dispose();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                int n = (int) Math.round(noise.nextGaussian() * 8);
                int r = clamp(((rgb >> 16) & 0xff) + n);
                int gr = clamp(((rgb >> 8) & 0xff) + n);
                int b = clamp((rgb & 0xff) + n);
                page.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return page;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
