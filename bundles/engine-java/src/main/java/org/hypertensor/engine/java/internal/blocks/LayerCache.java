package org.hypertensor.engine.java.internal.blocks;

/** One block's keys and values for a session: {@code [batch][maxLength][kvDim]}, allocated up front. */
final class LayerCache {

    private final int maxLength;
    private final int kvDim;
    private final float[] keys;
    private final float[] values;

    LayerCache(int batch, int maxLength, int kvDim) {
        this.maxLength = maxLength;
        this.kvDim = kvDim;
        this.keys = new float[batch * maxLength * kvDim];
        this.values = new float[batch * maxLength * kvDim];
    }

    int offset(int b, int position) {
        return (b * maxLength + position) * kvDim;
    }

    void put(int b, int position, float[] k, float[] v, int from) {
        System.arraycopy(k, from, keys, offset(b, position), kvDim);
        System.arraycopy(v, from, values, offset(b, position), kvDim);
    }

    float[] keys() {
        return keys;
    }

    float[] values() {
        return values;
    }
}
