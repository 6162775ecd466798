package mnistlab.data;

import mnistlab.i18n.Messages;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns a picture of a digit into MNIST's pixels the way MNIST itself was made: grey, the ground
 * found and turned dark (ink bright), cropped to the ink's bounding box, scaled to fit a 20x20
 * box keeping the aspect ratio (anti-aliased), and placed in 28x28 with the centre of mass at
 * the centre. A picture already in that format (28x28, dark ground) is taken as it is.
 */
public final class DigitImages {
    /** MNIST's digits fit a box of this side inside their 28x28 images. */
    static final int BOX = 20;
    /** Ink is what stands this far above the ground (on 0..1, after the ground is made dark); below is noise. */
    private static final float INK = 0.25f;
    /** Where a stroke's anti-aliased edge ends, on the 3x3 average of a stretched picture. */
    private static final float EDGE = 0.08f;

    private DigitImages() {
    }

    /**
     * {@link #toMnist}, for a picture someone wants classified: one with no ink is refused rather
     * than guessed at (a data set's blank images stay blank images).
     * @param image a picture of a digit, any size and colours
     * @param rows the height to prepare it to
     * @param cols the width
     * @return rows x cols pixels in [0,1], ink bright
     * @throws NoDigitException when nothing in the picture stands out from its ground as ink, or
     *   what does is only specks or static ({@link InkShape})
     */
    public static float[] digit(BufferedImage image, int rows, int cols) {
        float[] pixels = toMnist(image, rows, cols);
        for (float p : pixels) {
            if (p >= INK) {
                if (!InkShape.isStrokes(pixels, rows, cols)) {
                    throw new NoDigitException(Messages.get("image.onlyNoise"));
                }
                return pixels;
            }
        }
        throw new NoDigitException();
    }

    /** A grey picture of width x height pixels in [0,1]. */
    private record Grey(float[] pixels, int width, int height) {
    }

    /**
     * The picture as rows x cols pixels in [0,1], ink bright on a dark ground, centred as MNIST's digits are.
     * @param image a picture of a digit, any size and colours
     * @param rows the height to prepare it to
     * @param cols the width
     * @return rows x cols pixels in [0,1], ink bright
     */
    public static float[] toMnist(BufferedImage image, int rows, int cols) {
        Grey picture = grey(image);
        boolean light = lightGround(picture);
        if (!light && picture.width() == cols && picture.height() == rows) {
            return picture.pixels(); // already a digit in MNIST's own format
        }
        if (light) {
            float[] p = picture.pixels();
            for (int i = 0; i < p.length; i++) {
                p[i] = 1f - p[i];
            }
        }
        if (!stretch(picture.pixels())) {
            return new float[rows * cols]; // no ink at all: an empty image
        }
        Grey digit = fit(picture, inkBox(picture), BOX * Math.min(rows, cols) / 28);
        return centred(digit, rows, cols);
    }

    /**
     * Luminance in [0,1], transparent parts over white (drawings saved with an alpha channel). A
     * grey image's own samples are read as they are: getRGB would pass them through a gamma curve.
     */
    private static Grey grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            float max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return new Grey(out, w, h);
        }
        ColorModel cm = image.getColorModel();
        boolean eightBitColour = !(cm instanceof IndexColorModel) && cm.getColorSpace().isCS_sRGB()
                && raster.getNumBands() == cm.getNumComponents() && raster.getNumBands() >= 3
                && Arrays.stream(cm.getComponentSize()).allMatch(bits -> bits == 8);
        if (eightBitColour) {
            // The samples as they are stored (R, G, B[, A]): getRGB would convert pixel by pixel, 5x slower.
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0; i < out.length; i++) {
                int o = i * bands;
                float lum = (0.299f * samples[o] + 0.587f * samples[o + 1] + 0.114f * samples[o + 2]) / 255f;
                float a = bands > 3 ? samples[o + 3] / 255f : 1f;
                out[i] = cm.isAlphaPremultiplied() ? lum + (1 - a) : a * lum + (1 - a);
            }
            return new Grey(out, w, h);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float a = ((p >>> 24) & 0xff) / 255f;
            float lum = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) / 255f;
            out[i] = a * lum + (1 - a);
        }
        return new Grey(out, w, h);
    }

    /** The ground is what the border mostly is. */
    private static boolean lightGround(Grey picture) {
        float[] grey = picture.pixels();
        int w = picture.width();
        int h = picture.height();
        float[] border = new float[2 * (w + h)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            border[n++] = grey[x];
            border[n++] = grey[(h - 1) * w + x];
        }
        for (int y = 0; y < h; y++) {
            border[n++] = grey[y * w];
            border[n++] = grey[y * w + w - 1];
        }
        float[] used = Arrays.copyOf(border, n);
        Arrays.sort(used);
        return used[n / 2] > 0.5f;
    }

    /**
     * Makes the ground 0 and the strongest ink 1, as in MNIST; false when nothing stands out from
     * the ground by more than the noise level.
     */
    private static boolean stretch(float[] grey) {
        int[] histogram = new int[LEVELS];
        for (float v : grey) {
            histogram[level(v)]++;
        }
        float ground = quantile(histogram, 0, grey.length / 2);
        int brightestLevel = LEVELS - 1;
        while (histogram[brightestLevel] == 0) {
            brightestLevel--;
        }
        float brightest = (brightestLevel + 0.5f) / LEVELS;
        if (brightest - ground < INK) {
            return false;
        }
        // Full ink is the strokes' core, not the brightest pixel, which noise lifts: the 90th
        // percentile of the pixels in the brighter half of the range.
        int from = level((ground + brightest) / 2);
        int above = 0;
        for (int l = from; l < LEVELS; l++) {
            above += histogram[l];
        }
        float top = quantile(histogram, from, (int) (0.9 * (above - 1)));
        for (int i = 0; i < grey.length; i++) {
            grey[i] = Math.max(0f, Math.min(1f, (grey[i] - ground) / (top - ground)));
        }
        return true;
    }

    /** Grey levels counted in a histogram: sorting a photo's pixels costs milliseconds; counting them, not. */
    private static final int LEVELS = 1024;

    private static int level(float v) {
        return Math.max(0, Math.min(LEVELS - 1, (int) (v * LEVELS)));
    }

    /** The grey level of the {@code rank}-th pixel (from 0) counting from level {@code from} up. */
    private static float quantile(int[] histogram, int from, int rank) {
        int seen = 0;
        for (int l = from; l < LEVELS; l++) {
            seen += histogram[l];
            if (seen > rank) {
                return (l + 0.5f) / LEVELS;
            }
        }
        return (LEVELS - 0.5f) / LEVELS;
    }

    /**
     * {x0, y0, x1, y1} (exclusive ends) of the ink of a stretched picture, faint anti-aliased edges
     * included, as MNIST's boxes include them: found on a 3x3 average, where sensor noise is a
     * third as strong and cannot pass for ink.
     */
    private static int[] inkBox(Grey picture) {
        int w = picture.width();
        int h = picture.height();
        float[] p = picture.pixels();
        // Sums over every rectangle from a summed-area table: the 3x3 average costs four reads.
        double[] sums = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += p[y * w + x];
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        int x0 = w;
        int y0 = h;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < h; y++) {
            int top = Math.max(0, y - 1);
            int bottom = Math.min(h, y + 2);
            for (int x = 0; x < w; x++) {
                int left = Math.max(0, x - 1);
                int right = Math.min(w, x + 2);
                double sum = sums[bottom * (w + 1) + right] - sums[top * (w + 1) + right]
                        - sums[bottom * (w + 1) + left] + sums[top * (w + 1) + left];
                if (sum / ((bottom - top) * (right - left)) > EDGE) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /**
     * The box's contents scaled to fit side x side, aspect kept, by area averaging: each new pixel
     * is the mean of the picture over its footprint (anti-aliased at any factor). Done on the
     * numbers themselves: Java2D's scaling averages in a gamma-encoded colour space, which
     * thickens bright strokes.
     */
    private static Grey fit(Grey picture, int[] box, int side) {
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        int fw = Math.max(1, bw >= bh ? side : Math.round((float) side * bw / bh));
        int fh = Math.max(1, bh >= bw ? side : Math.round((float) side * bh / bw));
        double sx = (double) bw / fw;
        double sy = (double) bh / fh;
        float[] out = new float[fw * fh];
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                out[y * fw + x] = (float) (footprintSum(picture, box[0] + x * sx, box[1] + y * sy, sx, sy) / (sx * sy));
            }
        }
        return new Grey(out, fw, fh);
    }

    /** The picture's sum over the rectangle [left, left + width) x [top, top + height), partial pixels by their share. */
    private static double footprintSum(Grey picture, double left, double top, double width, double height) {
        double sum = 0;
        // x * scale rounds up past the picture's last pixel now and then (19 * 2.2 + 2.2 > 44)
        int bottom = Math.min(picture.height(), (int) Math.ceil(top + height));
        int right = Math.min(picture.width(), (int) Math.ceil(left + width));
        for (int y = (int) Math.floor(top); y < bottom; y++) {
            double cy = Math.min(y + 1, top + height) - Math.max(y, top);
            for (int x = (int) Math.floor(left); x < right; x++) {
                double cx = Math.min(x + 1, left + width) - Math.max(x, left);
                sum += cx * cy * picture.pixels()[y * picture.width() + x];
            }
        }
        return sum;
    }

    /** Placed in rows x cols so that its centre of mass lands on the centre (whole pixels, clipped at the edges). */
    private static float[] centred(Grey picture, int rows, int cols) {
        float[] digit = picture.pixels();
        int w = picture.width();
        int h = picture.height();
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = digit[y * w + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        // MNIST's centres of mass sit on pixel (14, 14), by pixel indices.
        int ox = (int) Math.round(cols / 2.0 - (mass > 0 ? mx / mass : w / 2.0));
        int oy = (int) Math.round(rows / 2.0 - (mass > 0 ? my / mass : h / 2.0));
        float[] out = new float[rows * cols];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx = x + ox;
                int ty = y + oy;
                if (tx >= 0 && tx < cols && ty >= 0 && ty < rows) {
                    out[ty * cols + tx] = digit[y * w + x];
                }
            }
        }
        return out;
    }
}
