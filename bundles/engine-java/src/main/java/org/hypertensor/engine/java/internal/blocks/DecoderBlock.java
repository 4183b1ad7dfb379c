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

    /** Multiply-adds worth a hand-off to another thread (tens of microseconds). */
    private static final int ATTENTION_GRAIN = 1 << 17;

    private final ModelConfig c;
    private final BlockWeights w;
    private final RotaryTable rope;
    /** q, k and v: they read the same input, so one pass computes them (one hand-off). */
    private final Matrix[] qkv;

    DecoderBlock(ModelConfig config, BlockWeights weights, RotaryTable rope) {
        this.c = config;
        this.w = weights;
        this.rope = rope;
        this.qkv = new Matrix[] {weights.q(), weights.k(), weights.v()};
    }

    /**
     * Transforms {@code x} ({@code batch * seq} rows) in place, for positions {@code start ..}, appending keys
     * and values to {@code cache} (layout {@code [batch][maxLength][kvDim]}); {@code b} holds the intermediate rows
     * (every one is written before it is read).
     */
    void forward(
            Parallel parallel,
            DotKernels kernels,
            float[] x,
            int batch,
            int seq,
            int start,
            LayerCache cache,
            StepBuffers b) {
        int rows = batch * seq;
        int h = c.hiddenSize();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        Kernels.rmsNorm(x, rows, h, w.inputNorm(), c.rmsNormEps(), b.normed);
        Kernels.matmul(parallel, kernels, b.normed, rows, qkv, b.qkv);
        Kernels.addBias(b.q, rows, w.qBias());
        Kernels.addBias(b.k, rows, w.kBias());
        Kernels.addBias(b.v, rows, w.vBias());
        for (int i = 0; i < batch; i++) {
            for (int s = 0; s < seq; s++) {
                int r = i * seq + s;
                rope.apply(b.q, r * qDim, c.numHeads(), start + s);
                rope.apply(b.k, r * kvDim, c.numKvHeads(), start + s);
                cache.put(i, start + s, b.k, b.v, r * kvDim);
            }
        }
        attention(parallel, kernels, b.q, batch, seq, start, cache, b.attended);
        Kernels.matmul(parallel, kernels, b.attended, rows, w.o(), b.projected);
        Kernels.addBias(b.projected, rows, w.oBias());
        Kernels.add(x, b.projected, rows * h);

        Kernels.rmsNorm(x, rows, h, w.postNorm(), c.rmsNormEps(), b.normed);
        Kernels.gatedUp(parallel, kernels, b.normed, rows, w.gate(), w.up(), b.gate, b.up);
        Kernels.matmul(parallel, kernels, b.gate, rows, w.down(), b.projected);
        Kernels.add(x, b.projected, rows * h);
    }

    /**
     * The heads a thread takes at a time: enough for about {@link #ATTENTION_GRAIN} multiply-adds, so a short
     * context's attention (the 100m model's 12 heads at positions 16 - 80: ≈ 25 µs per layer on one thread)
     * runs on the caller, without a hand-off and the wait for the other thread's part, and a long one (from
     * about 170 positions on this model) is still split over the threads.
     */
    private static int attentionGrain(int positions, int headDim) {
        return Math.max(1, ATTENTION_GRAIN / (2 * positions * headDim));
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
        int positions = window > 0 ? Math.min(window, start + seq) : start + seq;
        parallel.forRange(tasks, attentionGrain(positions, d), (from, to) -> {
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
                    kernels.axpy(p, values, vo, out, qo, d);
                }
            }
        });
    }
}
