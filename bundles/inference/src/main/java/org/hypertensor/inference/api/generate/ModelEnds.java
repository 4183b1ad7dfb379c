package org.hypertensor.inference.api.generate;

import java.nio.FloatBuffer;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * The parts of a model a client keeps locally: token embeddings in, final RMSNorm and LM head out. Reads
 * the mapped weights directly (one row per token in, one pass over the head per token out).
 */
public final class ModelEnds {

    private final ModelConfig c;
    private final FloatBuffer embeddings;
    private final float[] norm;
    private final FloatBuffer head;

    public ModelEnds(ModelConfig config, WeightSource weights) {
        this.c = config;
        this.embeddings = weights.tensor(TensorNames.EMBEDDINGS, config.vocabSize(), config.hiddenSize())
                .data();
        this.norm = weights.tensor(TensorNames.FINAL_NORM, config.hiddenSize()).toArray();
        // the config decides (HF ties even when an lm_head tensor is stored); manifests imported before the
        // config said so have a tied head only where no lm_head tensor is stored
        String head = config.tiedEmbeddings() || !weights.names().contains(TensorNames.LM_HEAD)
                ? TensorNames.EMBEDDINGS
                : TensorNames.LM_HEAD;
        this.head =
                weights.tensor(head, config.vocabSize(), config.hiddenSize()).data();
    }

    /** Hidden states {@code [1, tokens, hidden]} for these tokens. */
    public Tensor embed(int[] tokens) {
        int h = c.hiddenSize();
        float[] out = new float[tokens.length * h];
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] < 0 || tokens[t] >= c.vocabSize()) {
                throw new IllegalArgumentException(
                        "token " + tokens[t] + " is outside the vocabulary of " + c.vocabSize());
            }
            embeddings.get(tokens[t] * h, out, t * h, h);
        }
        return Tensor.wrap(out, 1, tokens.length, h);
    }

    /** The logits of the last position of {@code hidden} ({@code [1, seq, hidden]}). */
    public float[] logits(Tensor hidden) {
        int h = c.hiddenSize();
        float[] x = new float[h];
        hidden.data().get((hidden.dim(1) - 1) * h, x, 0, h);
        double ss = 0;
        for (float v : x) {
            ss += (double) v * v;
        }
        float inv = (float) (1.0 / Math.sqrt(ss / h + c.rmsNormEps()));
        for (int i = 0; i < h; i++) {
            x[i] = x[i] * inv * norm[i];
        }
        float[] logits = new float[c.vocabSize()];
        float[] row = new float[h];
        for (int v = 0; v < logits.length; v++) {
            head.get(v * h, row, 0, h);
            float s = 0;
            for (int i = 0; i < h; i++) {
                s += row[i] * x[i];
            }
            logits[v] = s;
        }
        return logits;
    }
}
