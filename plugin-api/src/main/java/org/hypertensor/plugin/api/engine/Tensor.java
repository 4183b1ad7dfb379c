package org.hypertensor.plugin.api.engine;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A shaped float32 buffer, row-major (the last dimension varies fastest). The buffer may live on the heap
 * or be mapped from a file; a tensor never changes after it is made (its buffer is read-only to users).
 */
public final class Tensor {

    private final int[] shape;
    private final FloatBuffer data;

    private Tensor(FloatBuffer data, int[] shape) {
        this.shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.remaining()) {
            throw new ShapeException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " floats, got " + data.remaining());
        }
        this.data = data.slice();
    }

    /** A tensor over a copy of {@code values}. */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(FloatBuffer.wrap(values.clone()), shape);
    }

    /** A tensor owning {@code values} without copying them; the caller must not change them afterwards. */
    public static Tensor wrap(float[] values, int... shape) {
        return new Tensor(FloatBuffer.wrap(values), shape);
    }

    /** A tensor over the remaining floats of {@code data} (e.g. a mapped file), without copying. */
    public static Tensor wrap(FloatBuffer data, int... shape) {
        return new Tensor(data, shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.capacity();
    }

    /** A read-only view of the floats. */
    public FloatBuffer data() {
        return data.asReadOnlyBuffer();
    }

    public float get(int index) {
        return data.get(index);
    }

    /** A copy of the floats. */
    public float[] toArray() {
        float[] out = new float[size()];
        data.duplicate().get(out);
        return out;
    }

    /** Copies the floats into {@code target} starting at {@code offset}. */
    public void copyTo(float[] target, int offset) {
        data.duplicate().get(target, offset, size());
    }

    /** Throws a {@link ShapeException} naming {@code what} unless the shape is exactly {@code expected}. */
    public Tensor requireShape(String what, int... expected) {
        if (!Arrays.equals(shape, expected)) {
            throw new ShapeException(
                    what + " must have shape " + Arrays.toString(expected) + ", got " + Arrays.toString(shape));
        }
        return this;
    }

    /** The largest absolute difference to another tensor of the same shape. */
    public float maxAbsDifference(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new ShapeException(
                    "shapes differ: " + Arrays.toString(shape) + " vs " + Arrays.toString(other.shape));
        }
        float max = 0;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, Math.abs(data.get(i) - other.data.get(i)));
        }
        return max;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
