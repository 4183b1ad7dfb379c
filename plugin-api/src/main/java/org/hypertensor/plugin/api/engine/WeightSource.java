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

    /** {@link #tensor} checked against the expected shape. */
    default Tensor tensor(String name, int... shape) {
        return tensor(name).requireShape(name, shape);
    }
}
