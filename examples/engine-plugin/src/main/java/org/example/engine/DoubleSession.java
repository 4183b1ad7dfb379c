package org.example.engine;

import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.MemoryBudget;

/** Keys and values per block and sequence, {@code [maxLength][kvDim]} doubles each, allocated when opened. */
final class DoubleSession implements InferenceSession {

    private final int batch;
    private final int maxLength;
    private final long bytes;
    private final MemoryBudget budget;
    private double[][][][] keys;
    private double[][][][] values;
    private int position;

    DoubleSession(int batch, int maxLength, int blocks, int kvDim, long bytes, MemoryBudget budget) {
        this.batch = batch;
        this.maxLength = maxLength;
        this.bytes = bytes;
        this.budget = budget;
        keys = new double[blocks][batch][maxLength][kvDim];
        values = new double[blocks][batch][maxLength][kvDim];
    }

    double[][] keys(int block, int b) {
        return keys[block][b];
    }

    double[][] values(int block, int b) {
        return values[block][b];
    }

    void advance(int seq) {
        position += seq;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public long cacheBytes() {
        return bytes;
    }

    @Override
    public boolean isClosed() {
        return keys == null;
    }

    @Override
    public void close() {
        if (keys != null) {
            keys = null;
            values = null;
            budget.release(bytes);
        }
    }
}
