package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.Kernels;
import org.hypertensor.engine.java.internal.compute.Parallel;
import org.hypertensor.engine.java.internal.weights.Matrix;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.RotaryTable;

/**
 * One llama decoder block over {@code batch * seq} rows of hidden states:
 * {@code h = x + o(attn(rope(q(n1(x))), rope(k(n1(x))), v(n1(x))))}, {@code y = h + down(silu(gate(n2(h))) * up(n2(h)))},
 * with causal grouped-query attention over the session's cached positions (the last {@code sliding_window} of
 * them for a sliding-window model), and the q/k/v/o biases the config has.
 */
final class DecoderBlock {

    private final ModelConfig c;
    private final BlockWeights w;
    private final RotaryTable rope;

    DecoderBlock(ModelConfig config, BlockWeights weights, RotaryTable rope) {
        this.c = config;
        this.w = weights;
        this.rope = rope;
    }

    /**
     * Transforms {@code x} ({@code batch * seq} rows) in place, for positions {@code start ..}, appending keys
     * and values to {@code cache} (layout {@code [batch][maxLength][kvDim]}).
     */
    void forward(Parallel parallel, DotKernels kernels, float[] x, int batch, int seq, int start, LayerCache cache) {
        int rows = batch * seq;
        int h = c.hiddenSize();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int m = c.intermediateSize();
        float[] normed = new float[rows * h];
        float[] q = new float[rows * qDim];
        float[] k = new float[rows * kvDim];
        float[] v = new float[rows * kvDim];
        Kernels.rmsNorm(x, rows, h, w.inputNorm(), c.rmsNormEps(), normed);
        Kernels.matmul(parallel, kernels, normed, rows, new Matrix[] {w.q(), w.k(), w.v()}, new float[][] {q, k, v});
        Kernels.addBias(q, rows, w.qBias());
        Kernels.addBias(k, rows, w.kBias());
        Kernels.addBias(v, rows, w.vBias());
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < seq; s++) {
                int r = b * seq + s;
                rope.apply(q, r * qDim, c.numHeads(), start + s);
                rope.apply(k, r * kvDim, c.numKvHeads(), start + s);
                cache.put(b, start + s, k, v, r * kvDim);
            }
        }
        float[] attended = qDim == h ? normed : new float[rows * qDim]; // the normed input is no longer needed
        attention(parallel, kernels, q, batch, seq, start, cache, attended);
        float[] projected = qDim == h ? q : new float[rows * h];
        Kernels.matmul(parallel, kernels, attended, rows, w.o(), projected);
        Kernels.addBias(projected, rows, w.oBias());
        Kernels.add(x, projected, rows * h);

        float[] n2 = normed;
        Kernels.rmsNorm(x, rows, h, w.postNorm(), c.rmsNormEps(), n2);
        float[] gate = new float[rows * m];
        float[] up = new float[rows * m];
        Kernels.matmul(parallel, kernels, n2, rows, new Matrix[] {w.gate(), w.up()}, new float[][] {gate, up});
        Kernels.swiglu(gate, up, rows * m);
        float[] down = projected;
        Kernels.matmul(parallel, kernels, gate, rows, w.down(), down);
        Kernels.add(x, down, rows * h);
    }

    private void attention(
            Parallel parallel,
            DotKernels kernels,
            float[] q,
            int batch,
            int seq,
            int start,
            LayerCache cache,
            float[] out) {
        int heads = c.numHeads();
        int d = c.headDim();
        int h = c.qDim();
        int group = heads / c.numKvHeads();
        float scale = (float) (1.0 / Math.sqrt(d));
        int window = c.slidingWindow();
        int tasks = batch * seq * heads;
        parallel.forRange(tasks, 4, (from, to) -> {
            float[] scores = new float[start + seq];
            for (int task = from; task < to; task++) {
                int head = task % heads;
                int row = task / heads;
                int b = row / seq;
                int pos = start + row % seq;
                int qo = row * h + head * d;
                int kvHead = head / group;
                // a sliding window (Mistral) attends to the last `window` positions, this one included, as HF does
                int first = window > 0 ? Math.max(0, pos - window + 1) : 0;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = first; j <= pos; j++) {
                    float s = kernels.dot(q, qo, cache.keys(), cache.offset(b, j) + kvHead * d, d) * scale;
                    scores[j] = s;
                    max = Math.max(max, s);
                }
                float sum = 0;
                for (int j = first; j <= pos; j++) {
                    scores[j] = (float) Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                float inv = 1f / sum;
                java.util.Arrays.fill(out, qo, qo + d, 0f);
                float[] values = cache.values();
                for (int j = first; j <= pos; j++) {
                    float p = scores[j] * inv;
                    int vo = cache.offset(b, j) + kvHead * d;
                    for (int i = 0; i < d; i++) {
                        out[qo + i] += p * values[vo + i];
                    }
                }
            }
        });
    }
}
