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
}
