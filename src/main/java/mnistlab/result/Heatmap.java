package mnistlab.result;

/**
 * A value per input pixel explaining one class's score: saliency (the score's gradient with
 * respect to each pixel) or Grad-CAM (a convolution's class-activation map, upsampled).
 * @param rows the image's rows
 * @param cols the image's columns
 * @param values rows*cols values, row by row
 * @param targetClass the class explained
 * @param layer the layer Grad-CAM looked at (a conv layer or the activation after it), or -1 for saliency
 */
public record Heatmap(int rows, int cols, float[] values, int targetClass, int layer) {
    /**
     * Checks the size and copies the values.
     * @param rows the image's rows
     * @param cols the image's columns
     * @param values rows*cols values
     * @param targetClass the class explained
     * @param layer the layer, or -1
     */
    public Heatmap {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(values.length + " values for " + rows + "x" + cols);
        }
        values = values.clone();
    }

    /** @return a copy of the rows*cols values, row by row */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * The value at a pixel.
     * @param row the row
     * @param col the column
     * @return its value
     */
    public float at(int row, int col) {
        return values[row * cols + col];
    }
}
