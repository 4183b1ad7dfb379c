package org.hypertensor.engine.java.internal.blocks;

import static org.hypertensor.plugin.api.engine.TensorNames.DOWN;
import static org.hypertensor.plugin.api.engine.TensorNames.GATE;
import static org.hypertensor.plugin.api.engine.TensorNames.INPUT_NORM;
import static org.hypertensor.plugin.api.engine.TensorNames.K;
import static org.hypertensor.plugin.api.engine.TensorNames.O;
import static org.hypertensor.plugin.api.engine.TensorNames.POST_NORM;
import static org.hypertensor.plugin.api.engine.TensorNames.Q;
import static org.hypertensor.plugin.api.engine.TensorNames.UP;
import static org.hypertensor.plugin.api.engine.TensorNames.V;

import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/** One decoder block's weights, copied onto the heap ({@code [out, in]} row-major), shapes checked. */
record BlockWeights(
        float[] inputNorm,
        float[] q,
        float[] k,
        float[] v,
        float[] o,
        float[] postNorm,
        float[] gate,
        float[] up,
        float[] down) {

    static BlockWeights read(WeightSource weights, ModelConfig c, int block) {
        int h = c.hiddenSize();
        int kv = c.kvDim();
        int m = c.intermediateSize();
        return new BlockWeights(
                get(weights, block, INPUT_NORM, h),
                get(weights, block, Q, h, h),
                get(weights, block, K, kv, h),
                get(weights, block, V, kv, h),
                get(weights, block, O, h, h),
                get(weights, block, POST_NORM, h),
                get(weights, block, GATE, m, h),
                get(weights, block, UP, m, h),
                get(weights, block, DOWN, h, m));
    }

    private static float[] get(WeightSource weights, int block, String name, int... shape) {
        return weights.tensor(TensorNames.block(block, name), shape).toArray();
    }
}
