package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.plugin.api.engine.ModelConfig;

/**
 * The intermediate rows of one forward pass through the blocks ({@code rows} input rows), shared by every layer
 * of the pass: a decode step reuses the session's (no allocation per layer or per step), a longer prefill has its
 * own for that pass.
 */
final class StepBuffers {

    final float[] normed;
    final float[] q;
    final float[] k;
    final float[] v;
    /** {@code q, k, v} together, as the one pass that computes them writes them. */
    final float[][] qkv;

    final float[] attended;
    final float[] projected;
    final float[] gate;
    final float[] up;

    StepBuffers(ModelConfig c, int rows) {
        int h = c.hiddenSize();
        int m = c.intermediateSize();
        this.normed = new float[rows * h];
        this.q = new float[rows * c.qDim()];
        this.k = new float[rows * c.kvDim()];
        this.v = new float[rows * c.kvDim()];
        this.qkv = new float[][] {q, k, v};
        this.attended = new float[rows * c.qDim()];
        this.projected = new float[rows * h];
        this.gate = new float[rows * m];
        this.up = new float[rows * m];
    }
}
