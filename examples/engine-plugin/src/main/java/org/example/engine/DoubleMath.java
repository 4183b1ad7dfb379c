package org.example.engine;

import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/** One llama block for one position, in doubles: RMSNorm, rotary q/k, grouped-query attention, SwiGLU. */
final class DoubleMath {

    private DoubleMath() {}

    static double[] block(
            ModelConfig c, WeightSource w, int block, double[] x, int pos, double[][] keys, double[][] values) {
        int heads = c.numHeads();
        int d = c.headDim();
        int group = heads / c.numKvHeads();
        double[] n = rmsNorm(x, w.tensor(TensorNames.block(block, TensorNames.INPUT_NORM)), c.rmsNormEps());
        double[] q = rotate(linear(w, block, TensorNames.Q, n), heads, d, pos, c.ropeTheta());
        keys[pos] = rotate(linear(w, block, TensorNames.K, n), c.numKvHeads(), d, pos, c.ropeTheta());
        values[pos] = linear(w, block, TensorNames.V, n);
        double[] attended = new double[c.hiddenSize()];
        for (int h = 0; h < heads; h++) {
            int kv = h / group;
            double[] p = new double[pos + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= pos; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += q[h * d + i] * keys[j][kv * d + i];
                }
                p[j] = s / Math.sqrt(d);
                max = Math.max(max, p[j]);
            }
            double sum = 0;
            for (int j = 0; j <= pos; j++) {
                p[j] = Math.exp(p[j] - max);
                sum += p[j];
            }
            for (int j = 0; j <= pos; j++) {
                for (int i = 0; i < d; i++) {
                    attended[h * d + i] += p[j] / sum * values[j][kv * d + i];
                }
            }
        }
        double[] o = linear(w, block, TensorNames.O, attended);
        double[] h1 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            h1[i] = x[i] + o[i];
        }
        double[] n2 = rmsNorm(h1, w.tensor(TensorNames.block(block, TensorNames.POST_NORM)), c.rmsNormEps());
        double[] gate = linear(w, block, TensorNames.GATE, n2);
        double[] up = linear(w, block, TensorNames.UP, n2);
        for (int i = 0; i < gate.length; i++) {
            gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        double[] down = linear(w, block, TensorNames.DOWN, gate);
        for (int i = 0; i < h1.length; i++) {
            h1[i] += down[i];
        }
        return h1;
    }

    private static double[] rmsNorm(double[] x, Tensor weight, double eps) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double inv = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * inv * weight.get(i);
        }
        return y;
    }

    private static double[] linear(WeightSource weights, int block, String name, double[] x) {
        Tensor w = weights.tensor(TensorNames.block(block, name));
        int out = w.dim(0);
        int in = w.dim(1);
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int i = 0; i < in; i++) {
                s += w.get(o * in + i) * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] rotate(double[] v, int heads, int d, int pos, double theta) {
        double[] r = v.clone();
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos * Math.pow(theta, -2.0 * i / d);
                double a = v[h * d + i];
                double b = v[h * d + i + d / 2];
                r[h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                r[h * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return r;
    }
}
