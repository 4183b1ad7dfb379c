package org.hypertensor.engine.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.store.CheckpointImport;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.RangeException;
import org.hypertensor.plugin.api.engine.RopeScaling;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;

/**
 * One small checkpoint per supported family, written as Hugging Face writes them ({@link HfCheckpoint}),
 * imported by the node and run by an engine against {@link PlainLoopReference#logits}: greedy tokens equal
 * and logits within 1e-4 at every step. Shared by the engines' tests through the test jar.
 */
public final class CheckpointFamilies {

    public static final double TOLERANCE = 1e-4;
    static final int VOCAB = 96;
    static final int HIDDEN = 32;
    static final int[] PROMPT = {3, 17, 42, 5, 9};
    static final int STEPS = 12;

    private CheckpointFamilies() {}

    /** The families: name to checkpoint. */
    public static Map<String, HfCheckpoint.Spec> specs() {
        Map<String, HfCheckpoint.Spec> specs = new LinkedHashMap<>();
        // Llama 3.2: llama3 rope scaling (original length 16, so all three frequency bands are used), tied head
        Map<String, Object> llama3 = HfCheckpoint.config("llama", VOCAB, HIDDEN, 4, 2);
        llama3.put("head_dim", HIDDEN / 4);
        llama3.put("attention_bias", false);
        llama3.put("mlp_bias", false);
        llama3.put("pretraining_tp", 1);
        llama3.put("attention_dropout", 0.0);
        llama3.put(
                "rope_scaling",
                Map.of(
                        "factor", 8.0,
                        "low_freq_factor", 1.0,
                        "high_freq_factor", 2.0,
                        "original_max_position_embeddings", 16,
                        "rope_type", "llama3"));
        llama3.put("tie_word_embeddings", true);
        specs.put("llama3.2 BF16 tied, 2 shards", new HfCheckpoint.Spec(llama3, "BF16", 2, 1));
        // Qwen2.5: q/k/v biases, tied head, sliding window declared but off
        Map<String, Object> qwen = HfCheckpoint.config("qwen2", VOCAB, HIDDEN, 4, 2);
        qwen.put("tie_word_embeddings", true);
        qwen.put("use_sliding_window", false);
        qwen.put("sliding_window", 32);
        qwen.put("max_window_layers", 2);
        qwen.put("rope_scaling", null);
        specs.put("qwen2.5 F16 tied", new HfCheckpoint.Spec(qwen, "F16", 1, 2));
        // Mistral: sliding window, explicit head_dim that is not hidden / heads, untied head
        Map<String, Object> mistral = HfCheckpoint.config("mistral", VOCAB, HIDDEN, 4, 2);
        mistral.put("head_dim", 12);
        mistral.put("sliding_window", 48);
        specs.put("mistral BF16 untied head_dim 12, 3 shards", new HfCheckpoint.Spec(mistral, "BF16", 3, 3));
        // Llama 2 style with linear rope scaling and attention_bias (q/k/v and o biases)
        Map<String, Object> llama2 = HfCheckpoint.config("llama", VOCAB, HIDDEN, 4, 4);
        llama2.put("attention_bias", true);
        llama2.put("rope_scaling", Map.of("type", "linear", "factor", 2.0));
        specs.put("llama2 F16 untied, linear scaling, attention_bias", new HfCheckpoint.Spec(llama2, "F16", 1, 4));
        return specs;
    }

    /** Writes, imports and runs every family on {@code engine}; returns one line per family for the log. */
    public static List<String> check(InferenceEngine engine, Path dir) throws IOException {
        return check(engine, dir, false);
    }

    /**
     * As {@link #check(InferenceEngine, Path)}; {@code slidingWindows}: the engine implements sliding-window
     * attention (else it must refuse a session longer than the window).
     */
    public static List<String> check(InferenceEngine engine, Path dir, boolean slidingWindows) throws IOException {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, HfCheckpoint.Spec> family : specs().entrySet()) {
            Path checkpoint = dir.resolve("family" + n++);
            HfCheckpoint.write(checkpoint, family.getValue());
            String id = CheckpointImport.write(checkpoint, "f" + n, LoadProgress.NONE)
                    .id();
            try (Model model = ModelFiles.open(checkpoint, id, LoadProgress.NONE)) {
                lines.add(family.getKey() + ": " + run(engine, model, family.getKey(), slidingWindows));
            }
        }
        return lines;
    }

    /**
     * A Mistral checkpoint whose window (4) is shorter than the session (17 positions): the engine must attend
     * only to the window, as the reference does, and the window must change the logits.
     */
    public static String slidingWindow(InferenceEngine engine, Path dir) throws IOException {
        Map<String, Object> mistral = HfCheckpoint.config("mistral", VOCAB, HIDDEN, 4, 2);
        mistral.put("sliding_window", 4);
        Path checkpoint = dir.resolve("window");
        HfCheckpoint.write(checkpoint, new HfCheckpoint.Spec(mistral, "BF16", 1, 7));
        String id =
                CheckpointImport.write(checkpoint, "window", LoadProgress.NONE).id();
        try (Model model = ModelFiles.open(checkpoint, id, LoadProgress.NONE)) {
            ModelConfig c = model.manifest().config();
            assertEquals(4, c.slidingWindow());
            String line = run(engine, model, "mistral window 4", true);
            ModelConfig unwindowed = variant(c, c.ropeScaling(), 0);
            int[] tokens = new int[PROMPT.length + STEPS];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = i < PROMPT.length ? PROMPT[i] : (i * 7) % VOCAB;
            }
            double[][] a = PlainLoopReference.logits(c, model.weights(), tokens);
            double[][] b = PlainLoopReference.logits(unwindowed, model.weights(), tokens);
            double effect = 0;
            for (int v = 0; v < c.vocabSize(); v++) {
                effect = Math.max(effect, Math.abs(a[tokens.length - 1][v] - b[tokens.length - 1][v]));
            }
            assertTrue(effect > 100 * TOLERANCE, "the window changes the logits by only " + effect);
            return line + ", the window changes the last logits by up to " + effect;
        }
    }

    private static String run(InferenceEngine engine, Model model, String family, boolean slidingWindows) {
        ModelConfig c = model.manifest().config();
        long stored = 0;
        for (String name : model.weights().names()) {
            stored += model.weights().tensor(name).size();
        }
        assertEquals(stored, c.parameters(), family + ": parameter count");
        int h = c.hiddenSize();
        Tensor embeddings = model.weights().tensor(TensorNames.EMBEDDINGS);
        Tensor head = c.tiedEmbeddings() ? embeddings : model.weights().tensor(TensorNames.LM_HEAD);
        Tensor norm = model.weights().tensor(TensorNames.FINAL_NORM);
        List<Integer> tokens = new ArrayList<>();
        for (int t : PROMPT) {
            tokens.add(t);
        }
        double maxDiff = 0;
        try (LoadedBlocks blocks = engine.load(model.manifest(), BlockRange.all(c.numLayers()), model.weights());
                InferenceSession session = blocks.openSession(1, PROMPT.length + STEPS)) {
            // half precision kept half: linear weights 2 bytes each, norms and biases float32
            long vectors = 0;
            long linear = 0;
            for (int[] shape : TensorNames.blockShapes(c).values()) {
                long n = shape.length == 2 ? (long) shape[0] * shape[1] : shape[0];
                vectors += shape.length == 1 ? n : 0;
                linear += shape.length == 2 ? n : 0;
            }
            assertEquals(c.numLayers() * (2 * linear + 4 * vectors), blocks.weightBytes(), family + ": weight bytes");
            if (c.slidingWindow() > 0 && !slidingWindows) {
                RangeException e =
                        assertThrows(RangeException.class, () -> blocks.openSession(1, c.slidingWindow() + 1), family);
                assertTrue(e.getMessage().contains("sliding window"), e.getMessage());
            }
            int fed = 0;
            for (int step = 0; step < STEPS; step++) {
                float[] x = new float[(tokens.size() - fed) * h];
                for (int t = fed; t < tokens.size(); t++) {
                    embeddings.data().get(tokens.get(t) * h, x, (t - fed) * h, h);
                }
                Tensor out = blocks.forward(Tensor.wrap(x, 1, tokens.size() - fed, h), session);
                fed = tokens.size();
                float[] logits = logits(out, c, norm, head);
                double[][] expected = PlainLoopReference.logits(
                        c,
                        model.weights(),
                        tokens.stream().mapToInt(Integer::intValue).toArray());
                double[] last = expected[expected.length - 1];
                for (int v = 0; v < c.vocabSize(); v++) {
                    maxDiff = Math.max(maxDiff, Math.abs(last[v] - logits[v]));
                }
                int greedy = argmax(logits);
                assertEquals(argmax(last), greedy, family + ": greedy token at step " + step);
                tokens.add(greedy);
            }
        }
        assertTrue(maxDiff <= TOLERANCE, family + ": logits differ from the float64 reference by " + maxDiff);
        if (!c.ropeScaling().equals(RopeScaling.NONE)) {
            // the scaling must matter here, or the comparison above could not catch an engine ignoring it
            ModelConfig unscaled = variant(c, RopeScaling.NONE, c.slidingWindow());
            int[] all = tokens.stream().mapToInt(Integer::intValue).toArray();
            double[][] a = PlainLoopReference.logits(c, model.weights(), all);
            double[][] b = PlainLoopReference.logits(unscaled, model.weights(), all);
            double effect = 0;
            for (int v = 0; v < c.vocabSize(); v++) {
                effect = Math.max(effect, Math.abs(a[all.length - 1][v] - b[all.length - 1][v]));
            }
            assertTrue(effect > 100 * TOLERANCE, family + ": rope scaling changes the logits by only " + effect);
        }
        return "tokens " + tokens.subList(PROMPT.length, tokens.size()) + ", max logit difference " + maxDiff;
    }

    /** {@code c} with another rope scaling and sliding window: to show that the variant matters. */
    private static ModelConfig variant(ModelConfig c, RopeScaling scaling, int slidingWindow) {
        return new ModelConfig(
                c.vocabSize(),
                c.hiddenSize(),
                c.numLayers(),
                c.numHeads(),
                c.numKvHeads(),
                c.intermediateSize(),
                c.rmsNormEps(),
                c.ropeTheta(),
                c.maxPositions(),
                c.headDim(),
                scaling,
                c.qkvBias(),
                c.outputBias(),
                c.tiedEmbeddings(),
                slidingWindow);
    }

    /** The last position's logits: final RMSNorm and head in float, as a client computes them. */
    static float[] logits(Tensor out, ModelConfig c, Tensor norm, Tensor head) {
        int h = c.hiddenSize();
        float[] x = new float[h];
        out.data().get((out.dim(1) - 1) * h, x, 0, h);
        double ss = 0;
        for (float v : x) {
            ss += (double) v * v;
        }
        float inv = (float) (1 / Math.sqrt(ss / h + c.rmsNormEps()));
        float[] logits = new float[c.vocabSize()];
        for (int v = 0; v < logits.length; v++) {
            float s = 0;
            for (int i = 0; i < h; i++) {
                s += head.get(v * h + i) * x[i] * inv * norm.get(i);
            }
            logits[v] = s;
        }
        return logits;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
