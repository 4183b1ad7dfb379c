package org.hypertensor.engine.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.hypertensor.engine.java.internal.compute.ScalarKernels;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.CheckpointImport;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java engine's weight formats: BF16 kept 16-bit takes half the memory of float32 and computes the same
 * outputs; int8 weight-only quantization measured against float32 on the tiny generated model (max logit
 * difference and greedy agreement over a generation).
 */
class WeightFormatsTest {

    @TempDir
    Path dir;

    @Test
    void bf16KeptHalfUsesHalfTheMemoryAndComputesTheSame() throws Exception {
        bf16KeptHalf(KernelChoice.choose(KernelChoice.Mode.AUTO));
    }

    /** The scalar kernels read the same tiled layout (in tiles of their own height). */
    @Test
    void bf16KeptHalfWithScalarKernels() throws Exception {
        bf16KeptHalf(ScalarKernels.INSTANCE);
    }

    private void bf16KeptHalf(DotKernels kernels) throws Exception {
        Path checkpoint = dir.resolve("bf16-" + kernels.description().replaceAll("[^a-z0-9]", ""));
        HfCheckpoint.write(checkpoint, CheckpointFamilies.specs().get("mistral BF16 untied head_dim 12, 3 shards"));
        String id = CheckpointImport.write(checkpoint, "m", LoadProgress.NONE).id();
        try (Model model = ModelFiles.open(checkpoint, id, LoadProgress.NONE);
                JavaEngine half = new JavaEngine(2, 16L << 20, WeightFormat.NATIVE, kernels);
                JavaEngine full = new JavaEngine(2, 16L << 20, WeightFormat.F32, kernels)) {
            ModelConfig c = model.manifest().config();
            BlockRange all = BlockRange.all(c.numLayers());
            try (LoadedBlocks h = half.load(model.manifest(), all, model.weights());
                    LoadedBlocks f = full.load(model.manifest(), all, model.weights())) {
                long vectors = c.numLayers() * 2L * c.hiddenSize() * Float.BYTES; // the two norms per block
                long linear = c.numLayers() * c.blockParameters() - vectors / Float.BYTES;
                assertEquals(linear * 2 + vectors, h.weightBytes());
                assertEquals(linear * 4 + vectors, f.weightBytes());
                float[] x = ReferenceBlockTest.random(2 * 9 * c.hiddenSize(), 7);
                for (int seq : new int[] {9, 1}) {
                    Tensor in = Tensor.of(java.util.Arrays.copyOf(x, 2 * seq * c.hiddenSize()), 2, seq, c.hiddenSize());
                    float diff = h.forward(in).maxAbsDifference(f.forward(in));
                    assertTrue(diff <= 1e-5f, "16-bit and float32 weights differ by " + diff);
                }
            }
        }
    }

    @Test
    void int8AgreesWithFloat32OnTheTinyModel() {
        ModelGenerator.generate(dir.resolve("tiny"), "tiny", ModelSize.TINY, 3, LoadProgress.NONE);
        try (Model model = ModelFiles.open(dir.resolve("tiny"), null, LoadProgress.NONE);
                JavaEngine f32 = new JavaEngine(2, 16L << 20, WeightFormat.F32);
                JavaEngine int8 = new JavaEngine(2, 16L << 20, WeightFormat.INT8)) {
            ModelConfig c = model.manifest().config();
            Tensor embeddings = model.weights().tensor(TensorNames.EMBEDDINGS);
            Tensor head = model.weights().tensor(TensorNames.LM_HEAD);
            Tensor norm = model.weights().tensor(TensorNames.FINAL_NORM);
            int steps = 64;
            int agree = 0;
            double maxDiff = 0;
            BlockRange all = BlockRange.all(c.numLayers());
            try (LoadedBlocks a = f32.load(model.manifest(), all, model.weights());
                    LoadedBlocks b = int8.load(model.manifest(), all, model.weights());
                    InferenceSession sa = a.openSession(1, steps + 1);
                    InferenceSession sb = b.openSession(1, steps + 1)) {
                assertTrue(b.weightBytes() * 3 < a.weightBytes(), "int8 holds " + b.weightBytes() + " bytes");
                int token = 'T';
                for (int step = 0; step < steps; step++) {
                    float[] x = new float[c.hiddenSize()];
                    embeddings.data().get(token * c.hiddenSize(), x, 0, c.hiddenSize());
                    Tensor in = Tensor.of(x, 1, 1, c.hiddenSize());
                    float[] la = CheckpointFamilies.logits(a.forward(in, sa), c, norm, head);
                    float[] lb = CheckpointFamilies.logits(b.forward(in, sb), c, norm, head);
                    for (int v = 0; v < la.length; v++) {
                        maxDiff = Math.max(maxDiff, Math.abs(la[v] - lb[v]));
                    }
                    int ga = CheckpointFamilies.argmax(la);
                    if (ga == CheckpointFamilies.argmax(lb)) {
                        agree++;
                    }
                    token = ga; // both follow the float32 generation, so every step is compared
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "int8 vs float32 on the tiny model: max logit difference %.4f, greedy agreement %d/%d%n",
                    maxDiff,
                    agree,
                    steps);
            assertTrue(maxDiff < 0.25, "int8 logits differ from float32 by " + maxDiff);
            assertTrue(agree >= steps * 9 / 10, "int8 agrees with float32 on " + agree + " of " + steps + " tokens");
        }
    }
}
