package mnistlab.data;

/**
 * Whether a prepared 28x28 picture's ink has the shape of strokes rather than of noise: its core
 * (what is at least half as bright as its brightest pixel) covers at most part of the picture
 * (static covers half of it), the ink does not fill its bounding box (static averaged when a
 * picture of 56 pixels or more is fitted into 20x20 fills it all), a good share of the core
 * is one connected piece of ink (specks are many small pieces), and the core is few pieces with
 * few holes (static's is dozens of dots, or one sieve). All 70,000 of MNIST's own digits pass.
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

    /**
     * The most pieces and holes a digit's core has together: MNIST's own digits have at most 8
     * (99.9 % of them 5 or fewer); static that gets past the other checks has 9 to 50.
     */
    private static final int MOST_PIECES_AND_HOLES = 10;

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
        return largestPiece(pixels, rows, cols, core, LINK * brightest) >= LEAST_CONNECTED * cores
                && piecesAndHoles(pixels, rows, cols, core) <= MOST_PIECES_AND_HOLES;
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

    /** The most core pixels one 8-connected piece of ink holds. */
    private static int largestPiece(float[] pixels, int rows, int cols, float core, float link) {
        boolean[] ink = new boolean[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            ink[i] = pixels[i] >= link;
        }
        boolean[] seen = new boolean[pixels.length];
        int[] piece = new int[pixels.length];
        int largest = 0;
        for (int start = 0; start < pixels.length; start++) {
            if (ink[start] && !seen[start]) {
                int size = flood(ink, true, rows, cols, true, seen, start, piece);
                int cores = 0;
                for (int i = 0; i < size; i++) {
                    cores += pixels[piece[i]] >= core ? 1 : 0;
                }
                largest = Math.max(largest, cores);
            }
        }
        return largest;
    }

    /** The core's 8-connected pieces plus its holes (4-connected dark regions away from the picture's edge). */
    private static int piecesAndHoles(float[] pixels, int rows, int cols, float core) {
        boolean[] inCore = new boolean[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            inCore[i] = pixels[i] >= core;
        }
        boolean[] seen = new boolean[pixels.length];
        int[] region = new int[pixels.length];
        int count = 0;
        for (int start = 0; start < pixels.length; start++) {
            if (seen[start]) {
                continue;
            }
            if (inCore[start]) {
                flood(inCore, true, rows, cols, true, seen, start, region);
                count++;
            } else if (!touchesEdge(region, flood(inCore, false, rows, cols, false, seen, start, region), rows, cols)) {
                count++;
            }
        }
        return count;
    }

    private static boolean touchesEdge(int[] region, int size, int rows, int cols) {
        for (int i = 0; i < size; i++) {
            int r = region[i] / cols;
            int c = region[i] % cols;
            if (r == 0 || c == 0 || r == rows - 1 || c == cols - 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the piece of pixels around {@code start} whose {@code mask} is {@code value} as seen
     * (8-connected with diagonals, else 4-connected), breadth first; its pixels' indices are
     * {@code piece[0..size)}.
     * @return the piece's size
     */
    private static int flood(boolean[] mask, boolean value, int rows, int cols, boolean diagonals, boolean[] seen,
                             int start, int[] piece) {
        int head = 0;
        int tail = 0;
        piece[tail++] = start;
        seen[start] = true;
        while (head < tail) {
            int at = piece[head++];
            int r = at / cols;
            int c = at % cols;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int nr = r + dr;
                    int nc = c + dc;
                    int next = nr * cols + nc;
                    if ((diagonals || dr == 0 || dc == 0) && nr >= 0 && nr < rows && nc >= 0 && nc < cols
                            && !seen[next] && mask[next] == value) {
                        seen[next] = true;
                        piece[tail++] = next;
                    }
                }
            }
        }
        return tail;
    }
}
