package org.example.engine;

import org.hypertensor.plugin.api.engine.AbstractSession;
import org.hypertensor.plugin.api.engine.MemoryBudget;

/** Keys and values per block and sequence, {@code [maxLength][kvDim]} doubles each, allocated when opened. */
final class DoubleSession extends AbstractSession {

    private double[][][][] keys;
    private double[][][][] values;

    DoubleSession(int batch, int maxLength, int blocks, int kvDim, long bytes, MemoryBudget budget) {
        super(batch, maxLength, bytes, budget::release);
        keys = new double[blocks][batch][maxLength][kvDim];
        values = new double[blocks][batch][maxLength][kvDim];
    }

    double[][] keys(int block, int b) {
        return keys[block][b];
    }

    double[][] values(int block, int b) {
        return values[block][b];
    }

    @Override
    protected void freeCache() {
        keys = null;
        values = null;
    }
}
