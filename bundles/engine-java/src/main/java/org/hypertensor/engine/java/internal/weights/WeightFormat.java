package org.hypertensor.engine.java.internal.weights;

import org.hypertensor.plugin.api.engine.DType;

/** How the Java engine holds a model's linear weights in memory; all are computed in float32. */
public enum WeightFormat {
    /** As stored: float32 stays float32, F16/BF16 stay 16-bit (half the memory and bytes read per step). */
    NATIVE,
    /** Everything expanded to float32. */
    F32,
    /** Weight-only int8 with one float scale per output channel (a quarter of float32). */
    INT8;

    /** The format named in the engine's configuration, case-insensitively. */
    public static WeightFormat parse(String name) {
        for (WeightFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("weights '" + name + "' is not one of native, f32, int8");
    }

    /** Bytes one linear weight takes in memory for a model stored as {@code stored}. */
    public int bytesPerWeight(DType stored) {
        return switch (this) {
            case NATIVE -> stored.bytes();
            case F32 -> Float.BYTES;
            case INT8 -> 1;
        };
    }
}
