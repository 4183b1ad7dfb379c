package org.hypertensor.engine.java.internal;

import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * One llama decoder block computed independently of every engine: plain loops in double precision, written
 * straight from the definitions (RMSNorm, rotary positions, grouped-query causal attention, SwiGLU). Shared
 * with the other engines' tests through this module's test jar.
 */
public final class PlainLoopReference {

    private PlainLoopReference() {}

    /** The block's output for one sequence {@code x[seq][hidden]} at positions 0.. */
    public static double[][] block(ModelConfig c, WeightSource w, int block, double[][] x) {
        int seq = x.length;
        int hidden = c.hiddenSize();
        int heads = c.numHeads();
        int kvHeads = c.numKvHeads();
        int d = hidden / heads;
        double[][] q = new double[seq][];
        double[][] k = new double[seq][];
        double[][] v = new double[seq][];
        for (int t = 0; t < seq; t++) {
            double[] n = rmsNorm(x[t], weight(w, block, TensorNames.INPUT_NORM), c.rmsNormEps());
            q[t] = rotate(linear(weight(w, block, TensorNames.Q), n), heads, d, t, c.ropeTheta());
            k[t] = rotate(linear(weight(w, block, TensorNames.K), n), kvHeads, d, t, c.ropeTheta());
            v[t] = linear(weight(w, block, TensorNames.V), n);
        }
        double[][] y = new double[seq][];
        for (int t = 0; t < seq; t++) {
            double[] attended = new double[hidden];
            for (int h = 0; h < heads; h++) {
                int kvh = h / (heads / kvHeads);
                double[] p = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += q[t][h * d + i] * k[j][kvh * d + i];
                    }
                    p[j] = s / Math.sqrt(d);
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j <= t; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j <= t; j++) {
                    for (int i = 0; i < d; i++) {
                        attended[h * d + i] += p[j] / sum * v[j][kvh * d + i];
                    }
                }
            }
            double[] o = linear(weight(w, block, TensorNames.O), attended);
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

    private static double[] rotate(double[] v, int heads, int d, int pos, double theta) {
        double[] r = v.clone();
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos / Math.pow(theta, 2.0 * i / d);
                double a = v[h * d + i];
                double b = v[h * d + i + d / 2];
                r[h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                r[h * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return r;
    }
}
