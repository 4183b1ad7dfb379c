package org.hypertensor.engine.tensorflow.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The graph of a block range: hidden states {@code [B*S, H]} through every block, each block's weights,
 * past keys/values {@code [B, P, kvHeads, headDim]} and the step's rotary tables and causal mask fed in;
 * the output hidden states and each block's keys/values for {@code P + S} positions fetched.
 */
public final class BlockGraph {

    /** One block's inputs and outputs; the weights in the order of {@link TensorNames#blockShapes}. */
    public record Layer(
            List<Placeholder<? extends TFloating>> weights,
            Placeholder<TFloat32> pastK,
            Placeholder<TFloat32> pastV,
            Operand<TFloat32> fullK,
            Operand<TFloat32> fullV) {}

    public final Placeholder<TFloat32> x;
    public final Placeholder<TInt32> batch;
    public final Placeholder<TFloat32> cos;
    public final Placeholder<TFloat32> sin;
    public final Placeholder<TFloat32> mask;
    public final List<Layer> layers = new ArrayList<>();
    public final Operand<TFloat32> y;

    private final Ops tf;
    private final ModelConfig c;
    private final Class<? extends TFloating> halfType;

    public BlockGraph(Graph graph, ModelConfig config, int blocks) {
        this(graph, config, blocks, null);
    }

    /**
     * The graph with the linear weights fed as {@code halfType} ({@code TBfloat16} or {@code TFloat16}, cast
     * to float32 inside the graph, so they stay 16-bit in memory), or as float32 if it is null.
     */
    public BlockGraph(Graph graph, ModelConfig config, int blocks, Class<? extends TFloating> halfType) {
        this.tf = Ops.create(graph);
        this.c = config;
        this.halfType = halfType;
        x = tf.placeholder(TFloat32.class);
        batch = tf.placeholder(TInt32.class);
        cos = tf.placeholder(TFloat32.class);
        sin = tf.placeholder(TFloat32.class);
        mask = tf.placeholder(TFloat32.class);
        Operand<TFloat32> h = x;
        for (int i = 0; i < blocks; i++) {
            h = block(h);
        }
        y = h;
    }

    private Operand<TFloat32> block(Operand<TFloat32> x2) {
        int heads = c.numHeads();
        int kvHeads = c.numKvHeads();
        int d = c.headDim();
        int group = heads / kvHeads;
        List<String> names = List.copyOf(TensorNames.blockShapes(c).keySet());
        Map<String, int[]> shapes = TensorNames.blockShapes(c);
        List<Placeholder<? extends TFloating>> w = new ArrayList<>();
        Map<String, Operand<TFloat32>> byName = new HashMap<>();
        for (String name : names) {
            if (halfType != null && shapes.get(name).length == 2) {
                Placeholder<? extends TFloating> p = tf.placeholder(halfType);
                w.add(p);
                byName.put(name, tf.dtypes.cast(p, TFloat32.class));
            } else {
                Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
                w.add(p);
                byName.put(name, p);
            }
        }
        Placeholder<TFloat32> pastK = tf.placeholder(TFloat32.class);
        Placeholder<TFloat32> pastV = tf.placeholder(TFloat32.class);

        Operand<TFloat32> n = rmsNorm(x2, byName.get(TensorNames.INPUT_NORM));
        Operand<TFloat32> q = rope(tf.reshape(
                linear(n, byName.get(TensorNames.Q), byName.get(TensorNames.Q_BIAS)), shape(batch, -1, heads, d)));
        Operand<TFloat32> k = rope(tf.reshape(
                linear(n, byName.get(TensorNames.K), byName.get(TensorNames.K_BIAS)), shape(batch, -1, kvHeads, d)));
        Operand<TFloat32> v = tf.reshape(
                linear(n, byName.get(TensorNames.V), byName.get(TensorNames.V_BIAS)), shape(batch, -1, kvHeads, d));
        Operand<TFloat32> fullK = tf.concat(List.of(pastK, k), tf.constant(1));
        Operand<TFloat32> fullV = tf.concat(List.of(pastV, v), tf.constant(1));

        // [B,S,kvH,G,D] -> [B,kvH,G,S,D] -> [B,kvH,G*S,D]: the heads of a group share their key/value head
        Operand<TFloat32> qg = tf.reshape(
                tf.linalg.transpose(
                        tf.reshape(q, shape(batch, -1, kvHeads, group, d)), tf.constant(new int[] {0, 2, 3, 1, 4})),
                shape(batch, kvHeads, -1, d));
        Operand<TFloat32> kt = tf.linalg.transpose(fullK, tf.constant(new int[] {0, 2, 1, 3}));
        Operand<TFloat32> vt = tf.linalg.transpose(fullV, tf.constant(new int[] {0, 2, 1, 3}));
        Operand<TFloat32> scores =
                tf.math.mul(tf.train.batchMatMul(qg, kt, TFloat32.class, BatchMatMul.adjY(true)), tf.constant((float)
                        (1.0 / Math.sqrt(d))));
        Operand<TFloat32> masked =
                tf.math.add(tf.reshape(scores, shape(batch, kvHeads, group, -1, 0 /* replaced below */)), mask);
        Operand<TFloat32> p = tf.reshape(tf.nn.softmax(masked), shape(batch, kvHeads, -1, 0));
        Operand<TFloat32> attended = tf.train.batchMatMul(p, vt, TFloat32.class);
        Operand<TFloat32> merged = tf.reshape(
                tf.linalg.transpose(
                        tf.reshape(attended, shape(batch, kvHeads, group, -1, d)),
                        tf.constant(new int[] {0, 3, 1, 2, 4})),
                tf.constant(new int[] {-1, c.qDim()}));

        Operand<TFloat32> h =
                tf.math.add(x2, linear(merged, byName.get(TensorNames.O), byName.get(TensorNames.O_BIAS)));
        Operand<TFloat32> n2 = rmsNorm(h, byName.get(TensorNames.POST_NORM));
        Operand<TFloat32> gate = linear(n2, byName.get(TensorNames.GATE), null);
        Operand<TFloat32> act =
                tf.math.mul(tf.math.mul(gate, tf.math.sigmoid(gate)), linear(n2, byName.get(TensorNames.UP), null));
        Operand<TFloat32> out = tf.math.add(h, linear(act, byName.get(TensorNames.DOWN), null));
        layers.add(new Layer(w, pastK, pastV, fullK, fullV));
        return out;
    }

    /** {@code x W^T (+ bias)} for a weight stored {@code [out, in]}; the bias may be null. */
    private Operand<TFloat32> linear(Operand<TFloat32> x2, Operand<TFloat32> weight, Operand<TFloat32> bias) {
        Operand<TFloat32> y = tf.linalg.matMul(x2, weight, MatMul.transposeB(true));
        return bias == null ? y : tf.math.add(y, bias);
    }

    private Operand<TFloat32> rmsNorm(Operand<TFloat32> x2, Operand<TFloat32> weight) {
        Operand<TFloat32> ms = tf.math.mean(tf.math.square(x2), tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(ms, tf.constant((float) c.rmsNormEps())));
        return tf.math.mul(tf.math.mul(x2, inv), weight);
    }

    /** Rotates {@code [B,S,heads,D]} by the fed tables {@code [S,1,D/2]}: dimension i turns with i + D/2. */
    private Operand<TFloat32> rope(Operand<TFloat32> t) {
        var halves = tf.split(tf.constant(3), t, 2L).output();
        Operand<TFloat32> a = halves.get(0);
        Operand<TFloat32> b = halves.get(1);
        return tf.concat(
                List.of(
                        tf.math.sub(tf.math.mul(a, cos), tf.math.mul(b, sin)),
                        tf.math.add(tf.math.mul(b, cos), tf.math.mul(a, sin))),
                tf.constant(3));
    }

    /**
     * A shape whose first dimension is the fed batch size; {@code -1} is inferred and {@code 0} stands for
     * the key length (also inferred: a reshape may have only one -1, so the last is computed instead).
     */
    private Operand<TInt32> shape(Operand<TInt32> b, int... rest) {
        int[] dims = rest.clone();
        boolean hasUnknown = false;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                hasUnknown = true;
            }
        }
        Operand<TInt32> tail = tf.constant(dims);
        if (hasUnknown && dims[dims.length - 1] == 0) {
            // both the query length and the key length are unknown: take the key length from the mask
            int[] head = java.util.Arrays.copyOf(dims, dims.length - 1);
            Operand<TInt32> keyLength =
                    tf.slice(tf.shape(mask), tf.constant(new int[] {1}), tf.constant(new int[] {1}));
            tail = tf.concat(List.of(tf.constant(head), keyLength), tf.constant(0));
        }
        return tf.concat(List.of(b, tail), tf.constant(0));
    }
}
