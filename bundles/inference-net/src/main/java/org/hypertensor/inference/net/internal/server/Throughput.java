package org.hypertensor.inference.net.internal.server;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * A server's measured speed, per block: single-token inference steps per second and forward tokens per
 * second (a range of n blocks is n times slower, so clients divide by the blocks they route through it).
 */
public record Throughput(double stepsPerSecond, double forwardTokensPerSecond) {

    static final int WARMUP_STEPS = 2;
    static final int STEPS = 8;
    static final int FORWARD_TOKENS = 32;

    /** Measures on {@code blocks} (in order), telling {@code progress} (done, total) after each step. */
    static Throughput measure(List<? extends LoadedBlocks> blocks, int hidden, BiConsumer<Integer, Integer> progress) {
        SplittableRandom random = new SplittableRandom(7);
        int total = WARMUP_STEPS + STEPS + 1;
        List<InferenceSession> sessions =
                blocks.stream().map(b -> b.openSession(1, WARMUP_STEPS + STEPS)).toList();
        long stepNanos;
        try {
            long start = 0;
            for (int i = 0; i < WARMUP_STEPS + STEPS; i++) {
                if (i == WARMUP_STEPS) {
                    start = System.nanoTime();
                }
                Tensor x = Tensor.wrap(randomVector(random, hidden), 1, 1, hidden);
                for (int b = 0; b < blocks.size(); b++) {
                    x = blocks.get(b).forward(x, sessions.get(b));
                }
                progress.accept(i + 1, total);
            }
            stepNanos = (System.nanoTime() - start) / STEPS;
        } finally {
            sessions.forEach(InferenceSession::close);
        }
        Tensor x = Tensor.wrap(randomVector(random, FORWARD_TOKENS * hidden), 1, FORWARD_TOKENS, hidden);
        long t0 = System.nanoTime();
        for (LoadedBlocks b : blocks) {
            x = b.forward(x);
        }
        long forwardNanos = System.nanoTime() - t0;
        progress.accept(total, total);
        int n = blocks.size();
        return new Throughput(1e9 * n / Math.max(1, stepNanos), 1e9 * n * FORWARD_TOKENS / Math.max(1, forwardNanos));
    }

    private static float[] randomVector(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
