package org.hypertensor.plugin.api.engine;

/** Element types of weights and activations. Tensors cross the API as {@link #F32}; the others are optional. */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /**
     * The float value of 16 stored bits of this type ({@link #F16} or {@link #BF16}); both convert exactly.
     *
     * @since 1.2
     */
    public float toFloat(short bits) {
        return switch (this) {
            case BF16 -> Float.intBitsToFloat((bits & 0xffff) << 16);
            case F16 -> halfToFloat(bits);
            default -> throw new IllegalStateException(this + " values are not 16 bits");
        };
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrives only in Java 20). */
    private static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
