package mnistlab.interop;

import java.nio.ByteBuffer;

/** The element types a parameter file may store, with their PyTorch storage class and safetensors name. */
enum StorageType {
    FLOAT32("FloatStorage", "F32", 4),
    FLOAT64("DoubleStorage", "F64", 8),
    FLOAT16("HalfStorage", "F16", 2),
    BFLOAT16("BFloat16Storage", "BF16", 2),
    /** Only for BatchNorm's counter {@code num_batches_tracked}, which is not a parameter. */
    INT64("LongStorage", "I64", 8);

    final String storageClass;
    final String safetensorsName;
    final int bytes;

    StorageType(String storageClass, String safetensorsName, int bytes) {
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
        this.bytes = bytes;
    }

    static StorageType ofStorageClass(String name) {
        for (StorageType t : values()) {
            if (t.storageClass.equals(name)) {
                return t;
            }
        }
        return null;
    }

    static StorageType ofSafetensors(String name) {
        for (StorageType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The element at {@code index} of a buffer in the file's byte order, as a float. */
    float read(ByteBuffer buffer, int index) {
        return switch (this) {
            case FLOAT32 -> buffer.getFloat(index * 4);
            case FLOAT64 -> (float) buffer.getDouble(index * 8);
            case FLOAT16 -> halfToFloat(buffer.getShort(index * 2));
            case BFLOAT16 -> Float.intBitsToFloat((buffer.getShort(index * 2) & 0xffff) << 16);
            case INT64 -> buffer.getLong(index * 8);
        };
    }

    /** IEEE half precision to float (Float.float16ToFloat is Java 20). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa / 1024f / 16384f; // mantissa x 2^-24
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
