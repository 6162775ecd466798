package mnistlab.data;

import java.util.Arrays;

/**
 * The content of one IDX file: element type, dimensions and the body bytes exactly as stored
 * (big-endian). Arrays are copied in and out so the record stays immutable.
 */
public record IdxArray(IdxType type, int[] dims, byte[] body) {

    /**
     * Checks the dimensions against the body.
     * @param type the values' type
     * @param dims the dimensions, outermost first
     * @param body the values, big-endian
     * @throws IllegalArgumentException when they disagree
     */
    public IdxArray {
        dims = dims.clone();
        if (dims.length == 0 || dims.length > IdxFiles.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("an IDX array has 1 to " + IdxFiles.MAX_DIMENSIONS
                    + " dimensions, not " + dims.length);
        }
        long expected = type.size();
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("IDX dimensions must be positive: " + Arrays.toString(dims));
            }
            expected *= d;
        }
        if (body.length != expected) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " of " + type
                    + " need " + expected + " bytes, body has " + body.length);
        }
    }

    /**
     * Unsigned bytes, the type MNIST uses for pixels and labels.
     * @param body the values
     * @param dims the dimensions
     * @return the array
     */
    public static IdxArray ofUnsignedBytes(byte[] body, int... dims) {
        return new IdxArray(IdxType.UBYTE, dims, body.clone());
    }

    /** @return a copy of the dimensions */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The body without a defensive copy, for readers inside this package that only read it. */
    byte[] bodyView() {
        return body;
    }

    /** @return the values, big-endian (not a copy) */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the first dimension: how many items */
    public int count() {
        return dims[0];
    }

    /**
     * The IDX magic number: two zero bytes, the type code, the number of dimensions.
     * @return the magic number a file of it starts with
     */
    public int magic() {
        return (type.code() << 8) | dims.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other && type == other.type
                && Arrays.equals(dims, other.dims) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(dims)) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "IdxArray[" + type + " " + Arrays.toString(dims) + "]";
    }
}
