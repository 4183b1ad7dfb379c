package org.hypertensor.plugin.api.engine;

/**
 * How a checkpoint stretches its rotary frequencies beyond the length it was trained on (Hugging Face's
 * {@code rope_scaling}): {@code none}; {@code linear} divides every frequency by {@code factor}; {@code llama3}
 * (Llama 3.1 / 3.2) divides the low frequencies by {@code factor}, keeps the high ones and blends the band
 * between {@code original / lowFreqFactor} and {@code original / highFreqFactor} wavelengths smoothly.
 *
 * @param type {@code none}, {@code linear} or {@code llama3}
 * @param factor how much longer the context is made
 * @param lowFreqFactor {@code llama3} only: wavelengths above {@code original / lowFreqFactor} are scaled
 * @param highFreqFactor {@code llama3} only: wavelengths below {@code original / highFreqFactor} are kept
 * @param originalMaxPositions {@code llama3} only: the context length the model was trained on
 */
public record RopeScaling(
        String type, double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {

    public static final String NONE_TYPE = "none";
    public static final String LINEAR = "linear";
    public static final String LLAMA3 = "llama3";

    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling(NONE_TYPE, 1, 0, 0, 0);

    public RopeScaling {
        switch (type) {
            case NONE_TYPE -> {}
            case LINEAR -> positive("factor", factor);
            case LLAMA3 -> {
                positive("factor", factor);
                positive("low_freq_factor", lowFreqFactor);
                positive("high_freq_factor", highFreqFactor);
                positive("original_max_position_embeddings", originalMaxPositions);
                if (!(highFreqFactor > lowFreqFactor)) {
                    throw new ShapeException("rope_scaling: high_freq_factor must be greater than low_freq_factor");
                }
            }
            default ->
                throw new ShapeException(
                        "rope_scaling type '" + type + "' is not supported (none, linear, " + "llama3)");
        }
    }

    /** Linear scaling by {@code factor}. */
    public static RopeScaling linear(double factor) {
        return new RopeScaling(LINEAR, factor, 0, 0, 0);
    }

    /** Llama 3 scaling. */
    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor, int original) {
        return new RopeScaling(LLAMA3, factor, lowFreqFactor, highFreqFactor, original);
    }

    private static void positive(String name, double value) {
        if (!(value > 0)) {
            throw new ShapeException("rope_scaling: " + name + " must be positive, got " + value);
        }
    }

    /** The angle per position of dimension pair {@code i} of a head of {@code headDim}: {@code theta^(-2i/d)}, scaled. */
    public double inverseFrequency(int i, int headDim, double theta) {
        double f = Math.pow(theta, -2.0 * i / headDim);
        return switch (type) {
            case LINEAR -> f / factor;
            case LLAMA3 -> {
                double wavelength = 2 * Math.PI / f;
                if (wavelength < originalMaxPositions / highFreqFactor) {
                    yield f;
                }
                if (wavelength > originalMaxPositions / lowFreqFactor) {
                    yield f / factor;
                }
                double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                yield (1 - smooth) * f / factor + smooth * f;
            }
            default -> f;
        };
    }
}
