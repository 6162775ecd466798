package mnistlab.data;

/**
 * Whether a prepared 28x28 picture's ink has the shape of strokes rather than of noise: its core
 * (what is at least half as bright as its brightest pixel) covers at most part of the picture
 * (static covers half of it), the ink does not fill its bounding box (static averaged when a
 * picture of 56 pixels or more is fitted into 20x20 fills it all), and a good share of the core
 * is one connected piece of ink (specks are many small pieces). Smaller static can pass.
 * All 70,000 of MNIST's own digits pass.
 */
final class InkShape {
    /** A stroke's core: this share of the brightest pixel or more. */
    private static final float CORE = 0.5f;
    /** The most of a picture a digit's core covers; static covers about half. */
    private static final double MOST_COVERED = 0.4;
    /** The most of its bounding box a digit's ink fills, when the box is not a thin one's (MNIST's most: 0.87); averaged static fills it all. */
    private static final double MOST_FILLED = 0.95;
    /** A box narrower or lower than this may be a 1's, which its stroke fills. */
    private static final int THIN = 8;
    /** The least share of the core that one 8-connected piece of ink holds. */
    private static final double LEAST_CONNECTED = 0.3;
    /** Ink that links core pixels into one piece, as a share of the brightest pixel: a faint scan's thin stroke breaks its core, not its ink. */
    private static final float LINK = 0.1f;

    private InkShape() {
    }

    static boolean isStrokes(float[] pixels, int rows, int cols) {
        float brightest = 0f;
        for (float p : pixels) {
            brightest = Math.max(brightest, p);
        }
        float core = CORE * brightest;
        int cores = 0;
        for (float p : pixels) {
            cores += p >= core ? 1 : 0;
        }
        if (brightest <= 0f || cores > MOST_COVERED * pixels.length || filled(pixels, cols, LINK * brightest)) {
            return false;
        }
        return largestPiece(pixels, rows, cols, core, LINK * brightest) >= LEAST_CONNECTED * cores;
    }

    /** Whether the ink fills nearly all of its bounding box, one wider and higher than a thin stroke. */
    private static boolean filled(float[] pixels, int cols, float link) {
        int inked = 0;
        int x0 = cols;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] >= link) {
                inked++;
                x0 = Math.min(x0, i % cols);
                x1 = Math.max(x1, i % cols);
                y0 = Math.min(y0, i / cols);
                y1 = Math.max(y1, i / cols);
            }
        }
        int width = x1 - x0 + 1;
        int height = y1 - y0 + 1;
        return width >= THIN && height >= THIN && inked >= MOST_FILLED * width * height;
    }

    /** The most core pixels one 8-connected piece of ink holds (a flood fill with an explicit stack). */
    private static int largestPiece(float[] pixels, int rows, int cols, float core, float link) {
        boolean[] seen = new boolean[pixels.length];
        int[] stack = new int[pixels.length];
        int largest = 0;
        for (int start = 0; start < pixels.length; start++) {
            if (seen[start] || pixels[start] < link) {
                continue;
            }
            int size = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int at = stack[--top];
                size += pixels[at] >= core ? 1 : 0;
                int r = at / cols;
                int c = at % cols;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int nr = r + dr;
                        int nc = c + dc;
                        int next = nr * cols + nc;
                        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !seen[next] && pixels[next] >= link) {
                            seen[next] = true;
                            stack[top++] = next;
                        }
                    }
                }
            }
            largest = Math.max(largest, size);
        }
        return largest;
    }
}
