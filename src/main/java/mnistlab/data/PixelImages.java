package mnistlab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Turns an ordinary picture into MNIST-style pixels: grey, scaled, ink bright on a dark ground. */
public final class PixelImages {

    private PixelImages() {
    }

    /**
     * Scales the picture to rows x cols, converts it to grey levels in [0,1], and inverts it when
     * its border is mostly light (a dark digit drawn on white, as people usually draw).
     */
    public static float[] toPixels(BufferedImage image, int rows, int cols) {
        BufferedImage grey = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, cols, rows, null);
        } finally {
            g.dispose();
        }
        float[] pixels = new float[rows * cols];
        int[] raw = grey.getRaster().getPixels(0, 0, cols, rows, (int[]) null);
        double border = 0;
        int borderCount = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                pixels[r * cols + c] = raw[r * cols + c] / 255f;
                if (r == 0 || c == 0 || r == rows - 1 || c == cols - 1) {
                    border += pixels[r * cols + c];
                    borderCount++;
                }
            }
        }
        if (border / borderCount > 0.5) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1f - pixels[i];
            }
        }
        return pixels;
    }
}
