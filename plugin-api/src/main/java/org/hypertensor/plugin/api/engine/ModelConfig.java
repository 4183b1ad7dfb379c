package org.hypertensor.plugin.api.engine;

/**
 * The shape of a llama-style decoder: RMSNorm, rotary positions, grouped-query attention, SwiGLU MLP.
 *
 * @param vocabSize tokens in the vocabulary
 * @param hiddenSize width of the hidden states
 * @param numLayers decoder blocks
 * @param numHeads query heads
 * @param numKvHeads key/value heads (divides {@code numHeads})
 * @param intermediateSize width of the MLP
 * @param rmsNormEps epsilon of RMSNorm
 * @param ropeTheta base of the rotary frequencies
 * @param maxPositions the longest sequence the model supports
 */
public record ModelConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int intermediateSize,
        double rmsNormEps,
        double ropeTheta,
        int maxPositions) {

    public ModelConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_layers", numLayers);
        positive("num_heads", numHeads);
        positive("num_kv_heads", numKvHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_positions", maxPositions);
        if (hiddenSize % numHeads != 0 || numHeads % numKvHeads != 0 || (hiddenSize / numHeads) % 2 != 0) {
            throw new ShapeException("heads must divide hidden_size into even head sizes and kv heads must divide"
                    + " heads (hidden " + hiddenSize + ", heads " + numHeads + ", kv heads " + numKvHeads + ")");
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new ShapeException("rms_norm_eps and rope_theta must be positive");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new ShapeException(name + " must be positive, got " + value);
        }
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Width of the keys and values of one position: {@code numKvHeads * headDim}. */
    public int kvDim() {
        return numKvHeads * headDim();
    }

    /** Parameters of one decoder block. */
    public long blockParameters() {
        long h = hiddenSize;
        return 2 * h + 2 * h * h + 2 * h * kvDim() + 3 * h * intermediateSize;
    }

    /** Parameters of the whole model: embeddings, blocks, final norm and an untied LM head. */
    public long parameters() {
        return 2L * vocabSize * hiddenSize + hiddenSize + numLayers * blockParameters();
    }

    /** Bytes of attention cache one position of one sequence needs in these blocks, float32. */
    public long cacheBytesPerToken(BlockRange blocks) {
        return 2L * blocks.size() * kvDim() * Float.BYTES;
    }
}
