package mnistlab.plot;

/** Renders a grey-level image as text for a terminal: one character a pixel, darker ramp for brighter ink. */
public final class TextImage {
    private static final String RAMP = " .:-=+*#%@";

    private TextImage() {
    }

    /**
     * One line per row; each pixel (0 = background, 1 = full ink) maps onto a ten-step ramp and is
     * printed twice so the digit keeps its aspect ratio in a terminal's tall cells.
     * @param pixels rows x cols values in [0,1]
     * @param rows the height
     * @param cols the width
     * @return the image as lines of text
     */
    public static String render(float[] pixels, int rows, int cols) {
        if (pixels.length != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " image needs " + rows * cols
                    + " pixels, got " + pixels.length);
        }
        StringBuilder sb = new StringBuilder(rows * (2 * cols + 1));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = Math.max(0f, Math.min(1f, pixels[r * cols + c]));
                char ch = RAMP.charAt(Math.min(RAMP.length() - 1, (int) (v * RAMP.length())));
                sb.append(ch).append(ch);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
