package org.hypertensor.plugin.api.engine;

/**
 * Rotary position embedding as the node defines it (the Hugging Face llama layout): dimension {@code i} of a
 * head turns together with {@code i + d/2} by the angle {@code position * theta^(-2i/d)} (scaled as the
 * model's {@link RopeScaling} says), computed in double and rounded to float once, so every engine rotates by exactly the same numbers.
 */
public final class RotaryTable {

    private final int half;
    private final float[] cos;
    private final float[] sin;

    public RotaryTable(ModelConfig config) {
        int d = config.headDim();
        this.half = d / 2;
        int positions = config.maxPositions();
        this.cos = new float[positions * half];
        this.sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * config.ropeScaling().inverseFrequency(i, d, config.ropeTheta());
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
    }

    /** The cosines of positions {@code [from, to)}: {@code (to - from) * headDim/2} floats, position-major. */
    public float[] cos(int from, int to) {
        return java.util.Arrays.copyOfRange(cos, from * half, to * half);
    }

    /** The sines, laid out like {@link #cos(int, int)}. */
    public float[] sin(int from, int to) {
        return java.util.Arrays.copyOfRange(sin, from * half, to * half);
    }

    /** Rotates {@code heads} consecutive heads of one position stored from {@code offset} in {@code v}, in place. */
    public void apply(float[] v, int offset, int heads, int position) {
        int c = position * half;
        for (int h = 0; h < heads; h++) {
            int base = offset + h * 2 * half;
            for (int i = 0; i < half; i++) {
                float a = v[base + i];
                float b = v[base + half + i];
                float cs = cos[c + i];
                float sn = sin[c + i];
                v[base + i] = a * cs - b * sn;
                v[base + half + i] = b * cs + a * sn;
            }
        }
    }
}
