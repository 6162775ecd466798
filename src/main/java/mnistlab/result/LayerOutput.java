package mnistlab.result;

import java.util.Arrays;

/**
 * What one layer gave for one image: its index in the spec, its kind, the output's shape without
 * the batch axis ([channels, rows, cols] for images, [units] for vectors) and its values, row major.
 * @param index the layer's index in the spec, from 0
 * @param name the layer's kind as written ("conv2d", "relu", …)
 * @param shape the output's shape, batch axis left out
 * @param values the output's values
 */
public record LayerOutput(int index, String name, long[] shape, float[] values) {
    /**
     * Copies the arrays.
     * @param index the layer's index
     * @param name the layer's kind
     * @param shape the output's shape
     * @param values the output's values
     */
    public LayerOutput {
        shape = shape.clone();
        values = values.clone();
    }

    /** @return a copy of the output's shape, batch axis left out */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return a copy of the output's values, row major */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return true for a stack of feature maps ([channels, rows, cols]) */
    public boolean featureMaps() {
        return shape.length == 3;
    }

    @Override
    public String toString() {
        return index + " " + name + " " + Arrays.toString(shape);
    }
}
