package mnistlab.interop;

import java.util.Arrays;

/**
 * One tensor of a state_dict, as float32 values in row-major order whatever its stored type
 * (float16, bfloat16 and float64 are widened or narrowed on the way in).
 *
 * @param shape  its dimensions
 * @param values shape's product of values, row-major
 * @param int64  whether it was stored as 64-bit integers (BatchNorm's {@code num_batches_tracked})
 */
public record Tensor(long[] shape, float[] values, boolean int64) {
    /**
     * Checks that the values fill the shape.
     * @param shape  its dimensions
     * @param values shape's product of values
     * @param int64  stored as 64-bit integers
     */
    public Tensor {
        shape = shape.clone();
        if (elements(shape) != values.length) {
            throw new IllegalArgumentException("shape " + describe(shape) + " holds " + elements(shape)
                    + " values, not " + values.length);
        }
    }

    /**
     * A float tensor.
     * @param shape  its dimensions
     * @param values its values, row-major
     * @return the tensor
     */
    public static Tensor of(long[] shape, float[] values) {
        return new Tensor(shape, values, false);
    }

    /** @return its dimensions (a copy) */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the shape as PyTorch prints it, {@code [32, 1, 5, 5]} */
    public String describeShape() {
        return describe(shape);
    }

    /**
     * A shape's number of elements; 1 for a scalar.
     * @param shape its dimensions
     * @return their product
     * @throws ArithmeticException when it overflows a long
     */
    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * A shape as PyTorch prints it.
     * @param shape its dimensions
     * @return {@code [32, 1, 5, 5]}
     */
    public static String describe(long[] shape) {
        return Arrays.toString(shape);
    }
}
