package org.hypertensor.engine.java.internal;

import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * One llama decoder block computed independently of every engine: plain loops in double precision, written
 * straight from Hugging Face's definitions (RMSNorm, rotary positions with linear or Llama 3 frequency
 * scaling, q/k/v/o biases, grouped-query causal attention with any head size, SwiGLU), and the whole model
 * (embeddings, blocks, final norm, tied or untied head). Shared with the other engines' tests through this
 * module's test jar.
 */
public final class PlainLoopReference {

    private PlainLoopReference() {}

    /** The block's output for one sequence {@code x[seq][hidden]} at positions 0.. */
    public static double[][] block(ModelConfig c, WeightSource w, int block, double[][] x) {
        int seq = x.length;
        int hidden = c.hiddenSize();
        int heads = c.numHeads();
        int kvHeads = c.numKvHeads();
        int d = c.headDim();
        double[][] q = new double[seq][];
        double[][] k = new double[seq][];
        double[][] v = new double[seq][];
        for (int t = 0; t < seq; t++) {
            double[] n = rmsNorm(x[t], weight(w, block, TensorNames.INPUT_NORM), c.rmsNormEps());
            q[t] = rotate(linear(w, block, TensorNames.Q, TensorNames.Q_BIAS, n), heads, d, t, c);
            k[t] = rotate(linear(w, block, TensorNames.K, TensorNames.K_BIAS, n), kvHeads, d, t, c);
            v[t] = linear(w, block, TensorNames.V, TensorNames.V_BIAS, n);
        }
        double[][] y = new double[seq][];
        for (int t = 0; t < seq; t++) {
            double[] attended = new double[heads * d];
            // Hugging Face's sliding-window mask: position t attends to j with t - j < sliding_window
            int first = c.slidingWindow() > 0 ? Math.max(0, t - c.slidingWindow() + 1) : 0;
            for (int h = 0; h < heads; h++) {
                int kvh = h / (heads / kvHeads);
                double[] p = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = first; j <= t; j++) {
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += q[t][h * d + i] * k[j][kvh * d + i];
                    }
                    p[j] = s / Math.sqrt(d);
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = first; j <= t; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = first; j <= t; j++) {
                    for (int i = 0; i < d; i++) {
                        attended[h * d + i] += p[j] / sum * v[j][kvh * d + i];
                    }
                }
            }
            double[] o = linear(w, block, TensorNames.O, TensorNames.O_BIAS, attended);
            double[] h1 = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                h1[i] = x[t][i] + o[i];
            }
            double[] n2 = rmsNorm(h1, weight(w, block, TensorNames.POST_NORM), c.rmsNormEps());
            double[] gate = linear(weight(w, block, TensorNames.GATE), n2);
            double[] up = linear(weight(w, block, TensorNames.UP), n2);
            for (int i = 0; i < gate.length; i++) {
                gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
            }
            double[] down = linear(weight(w, block, TensorNames.DOWN), gate);
            y[t] = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                y[t][i] = h1[i] + down[i];
            }
        }
        return y;
    }

    private static Tensor weight(WeightSource w, int block, String name) {
        return w.tensor(TensorNames.block(block, name));
    }

    private static double[] rmsNorm(double[] x, Tensor weight, double eps) {
        double ss = 0;
        for (double e : x) {
            ss += e * e;
        }
        double inv = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * inv * weight.get(i);
        }
        return y;
    }

    private static double[] linear(Tensor w, double[] x) {
        int out = w.dim(0);
        int in = w.dim(1);
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                y[o] += w.get(o * in + i) * x[i];
            }
        }
        return y;
    }

    /** The weight's product with {@code x}, plus the bias if the checkpoint stores one. */
    private static double[] linear(WeightSource w, int block, String weight, String bias, double[] x) {
        double[] y = linear(weight(w, block, weight), x);
        String biasName = TensorNames.block(block, bias);
        if (w.names().contains(biasName)) {
            Tensor b = w.tensor(biasName);
            for (int i = 0; i < y.length; i++) {
                y[i] += b.get(i);
            }
        }
        return y;
    }

    private static double[] rotate(double[] v, int heads, int d, int pos, ModelConfig c) {
        double[] r = v.clone();
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos * frequency(c, i, d);
                double a = v[h * d + i];
                double b = v[h * d + i + d / 2];
                r[h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                r[h * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return r;
    }

    /**
     * Hugging Face's {@code inv_freq} of dimension pair {@code i}, written from {@code _compute_llama3_parameters}
     * (wavelength bands, smooth blend) and the linear rule ({@code inv_freq / factor}).
     */
    static double frequency(ModelConfig c, int i, int d) {
        double base = 1 / Math.pow(c.ropeTheta(), (2.0 * i) / d);
        var s = c.ropeScaling();
        switch (s.type()) {
            case "linear":
                return base / s.factor();
            case "llama3":
                double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
                double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
                double wavelen = 2 * Math.PI / base;
                double scaled = wavelen > lowWavelen ? base / s.factor() : base;
                boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
                if (medium) {
                    double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                            / (s.highFreqFactor() - s.lowFreqFactor());
                    return (1 - smooth) * scaled / s.factor() + smooth * scaled;
                }
                return scaled;
            default:
                return base;
        }
    }

    /**
     * The logits of every position of {@code tokens} through the whole model: embedding rows, every block,
     * the final RMSNorm and the head ({@code lm_head.weight}, or the embeddings where the config ties them).
     */
    public static double[][] logits(ModelConfig c, WeightSource w, int[] tokens) {
        int h = c.hiddenSize();
        Tensor embeddings = w.tensor(TensorNames.EMBEDDINGS);
        double[][] x = new double[tokens.length][h];
        for (int t = 0; t < tokens.length; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = embeddings.get(tokens[t] * h + i);
            }
        }
        for (int block = 0; block < c.numLayers(); block++) {
            x = block(c, w, block, x);
        }
        Tensor head = c.tiedEmbeddings() ? embeddings : w.tensor(TensorNames.LM_HEAD);
        double[][] out = new double[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            out[t] = linear(head, rmsNorm(x[t], w.tensor(TensorNames.FINAL_NORM), c.rmsNormEps()));
        }
        return out;
    }
}
