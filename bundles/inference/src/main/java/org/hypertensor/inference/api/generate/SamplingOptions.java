package org.hypertensor.inference.api.generate;

/**
 * How the next token is chosen: greedy when {@code temperature <= 0}; otherwise softmax at the
 * temperature over the {@code topK} most likely tokens (0 = all), cut to the smallest set whose
 * probability reaches {@code topP}, drawn from a generator seeded with {@code seed}.
 */
public record SamplingOptions(double temperature, int topK, double topP, long seed) {

    public static final SamplingOptions GREEDY = new SamplingOptions(0, 0, 1, 0);

    public SamplingOptions {
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
    }

    public boolean greedy() {
        return temperature <= 0;
    }
}
