package org.hypertensor.plugin.api.engine;

import java.util.Set;

/**
 * Where an engine reads a model's weights from, by {@link TensorNames tensor name}. Tensors are read
 * lazily (a safetensors file is mapped, not read), so an engine loading a block range touches only the
 * weights of its blocks.
 */
public interface WeightSource {

    /** The names of the stored tensors. */
    Set<String> names();

    /** The tensor, as float32; a {@link ShapeException} if absent. */
    Tensor tensor(String name);

    /**
     * The shape of a tensor, without reading it; sources should override this where reading converts.
     *
     * @since 1.2
     */
    default int[] shape(String name) {
        return tensor(name).shape();
    }

    /**
     * The stored element type of a tensor; sources that store only float32 need not override this.
     *
     * @since 1.2
     */
    default DType dtype(String name) {
        return DType.F32;
    }

    /**
     * The raw 16-bit values (IEEE half or bfloat16 bits, as {@link #dtype} says) of an F16/BF16 tensor,
     * without converting them, so an engine can keep half-precision weights half; empty where the source
     * cannot give them (then {@link #tensor} is the way).
     *
     * @since 1.2
     */
    default java.util.Optional<java.nio.ShortBuffer> bits16(String name) {
        return java.util.Optional.empty();
    }

    /** {@link #tensor} checked against the expected shape. */
    default Tensor tensor(String name, int... shape) {
        return tensor(name).requireShape(name, shape);
    }
}
