package mnistlab.data;

/** The element types an IDX header can name (third byte of the magic number). */
public enum IdxType {
    /** Unsigned bytes, as MNIST's pixels and labels. */
    UBYTE(0x08, 1),
    /** Signed bytes. */
    BYTE(0x09, 1),
    /** Big-endian 16-bit integers. */
    SHORT(0x0B, 2),
    /** Big-endian 32-bit integers. */
    INT(0x0C, 4),
    /** Big-endian 32-bit floats. */
    FLOAT(0x0D, 4),
    /** Big-endian 64-bit floats. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int size;

    IdxType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    /** @return the type's byte in the magic number */
    public int code() {
        return code;
    }

    /**
     * Bytes per element.
     * @return bytes per value
     */
    public int size() {
        return size;
    }

    /**
     * The type for a header's type byte, or null when the byte names none.
     * @param code the magic number's third byte
     * @return the type, or null for an unknown code
     */
    public static IdxType forCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
