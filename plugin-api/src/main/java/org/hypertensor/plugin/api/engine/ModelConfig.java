package org.hypertensor.plugin.api.engine;

/**
 * The shape of a llama-style decoder as Hugging Face's {@code LlamaForCausalLM} defines it: RMSNorm, rotary
 * positions, grouped-query attention, SwiGLU MLP; with the variants of Llama 2/3, Mistral and Qwen2.
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
 * @param headDim width of one attention head (even; {@code hiddenSize / numHeads} unless the config says)
 * @param ropeScaling how the rotary frequencies are scaled
 * @param qkvBias whether the q, k and v projections have biases
 * @param outputBias whether the attention's output projection has a bias
 * @param tiedEmbeddings whether the LM head is the token embedding matrix
 * @param slidingWindow the attention window of a sliding-window model (Mistral), 0 for none; the engines
 *     refuse sessions longer than it rather than compute a different attention
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
        int maxPositions,
        int headDim,
        RopeScaling ropeScaling,
        boolean qkvBias,
        boolean outputBias,
        boolean tiedEmbeddings,
        int slidingWindow) {

    public ModelConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_layers", numLayers);
        positive("num_heads", numHeads);
        positive("num_kv_heads", numKvHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_positions", maxPositions);
        if (headDim <= 0 || headDim % 2 != 0 || numHeads % numKvHeads != 0) {
            throw new ShapeException("heads must divide hidden_size into even head sizes (or head_dim be given and"
                    + " even) and kv heads must divide heads (hidden " + hiddenSize + ", heads " + numHeads
                    + ", kv heads " + numKvHeads + ", head_dim " + headDim + ")");
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new ShapeException("rms_norm_eps and rope_theta must be positive");
        }
        if (ropeScaling == null) {
            throw new ShapeException("rope_scaling must be given (RopeScaling.NONE for none)");
        }
        if (slidingWindow < 0) {
            throw new ShapeException("sliding_window must not be negative, got " + slidingWindow);
        }
    }

    /** A plain llama decoder: head size {@code hiddenSize / numHeads}, no scaling, no biases, untied head. */
    public ModelConfig(
            int vocabSize,
            int hiddenSize,
            int numLayers,
            int numHeads,
            int numKvHeads,
            int intermediateSize,
            double rmsNormEps,
            double ropeTheta,
            int maxPositions) {
        this(
                vocabSize,
                hiddenSize,
                numLayers,
                numHeads,
                numKvHeads,
                intermediateSize,
                rmsNormEps,
                ropeTheta,
                maxPositions,
                numHeads > 0 && hiddenSize % numHeads == 0 ? hiddenSize / numHeads : -1,
                RopeScaling.NONE,
                false,
                false,
                false,
                0);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new ShapeException(name + " must be positive, got " + value);
        }
    }

    /** Width of the queries of one position: {@code numHeads * headDim}. */
    public int qDim() {
        return numHeads * headDim;
    }

    /** Width of the keys and values of one position: {@code numKvHeads * headDim}. */
    public int kvDim() {
        return numKvHeads * headDim;
    }

    /** Parameters of one decoder block. */
    public long blockParameters() {
        long h = hiddenSize;
        long biases = (qkvBias ? qDim() + 2L * kvDim() : 0) + (outputBias ? h : 0);
        return 2 * h + 2 * h * qDim() + 2 * h * kvDim() + 3 * h * intermediateSize + biases;
    }

    /** Parameters of the whole model: embeddings, blocks, final norm and the LM head unless it is tied. */
    public long parameters() {
        long embeddings = (long) vocabSize * hiddenSize;
        return (tiedEmbeddings ? embeddings : 2 * embeddings) + hiddenSize + numLayers * blockParameters();
    }

    /** Bytes of attention cache one position of one sequence needs in these blocks, float32. */
    public long cacheBytesPerToken(BlockRange blocks) {
        return 2L * blocks.size() * kvDim() * Float.BYTES;
    }
}
