package org.hypertensor.engine.tensorflow.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.engine.java.internal.PlainLoopReference;
import org.hypertensor.engine.tensorflow.internal.runtime.TfRuntime;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.generate.LocalGenerator;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineMemoryException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.RangeException;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TensorFlow engine against the Java engine and the plain-loop reference on the tiny generated model:
 * every block within 1e-4 for random inputs, the same cached decode, identical greedy generations, and
 * the same refusals of bad input. One TensorFlow runtime for the class (natives load once).
 */
class EngineAgreementTest {

    static final float TOLERANCE = 1e-4f;

    @TempDir
    static Path dir;

    static Model model;
    static JavaEngine java;
    static TensorFlowEngine tf;

    @BeforeAll
    static void setUp() {
        ModelGenerator.generate(dir.resolve("tiny"), "tiny", ModelSize.TINY, 3, LoadProgress.NONE);
        model = ModelFiles.open(dir.resolve("tiny"), null, LoadProgress.NONE);
        java = new JavaEngine(2, 64L << 20);
        tf = new TensorFlowEngine(TfRuntime.start("auto", 2, null), 64L << 20);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        java.close();
    }

    @Test
    void everyBlockAgreesWithTheJavaEngineAndThePlainLoops() {
        ModelConfig c = model.manifest().config();
        int seq = 7;
        int h = c.hiddenSize();
        float[] input = random(2 * seq * h, 11);
        for (int block = 0; block < c.numLayers(); block++) {
            BlockRange range = new BlockRange(block, block + 1);
            try (LoadedBlocks j = java.load(model.manifest(), range, model.weights());
                    LoadedBlocks t = tf.load(model.manifest(), range, model.weights())) {
                Tensor x = Tensor.of(input, 2, seq, h);
                Tensor fromTf = t.forward(x);
                float err = fromTf.maxAbsDifference(j.forward(x));
                assertTrue(err <= TOLERANCE, "block " + block + ": engines differ by " + err);
                for (int b = 0; b < 2; b++) {
                    double[][] rows = new double[seq][h];
                    for (int s = 0; s < seq; s++) {
                        for (int i = 0; i < h; i++) {
                            rows[s][i] = input[(b * seq + s) * h + i];
                        }
                    }
                    double[][] expected = PlainLoopReference.block(c, model.weights(), block, rows);
                    double refErr = 0;
                    for (int s = 0; s < seq; s++) {
                        for (int i = 0; i < h; i++) {
                            refErr = Math.max(refErr, Math.abs(expected[s][i] - fromTf.get((b * seq + s) * h + i)));
                        }
                    }
                    assertTrue(
                            refErr <= TOLERANCE,
                            "block " + block + ": tensorflow differs from the reference by " + refErr);
                }
            }
        }
    }

    @Test
    void cachedStepsAgreeAcrossEngines() {
        ModelConfig c = model.manifest().config();
        int h = c.hiddenSize();
        try (LoadedBlocks j = java.load(model.manifest(), BlockRange.all(2), model.weights());
                LoadedBlocks t = tf.load(model.manifest(), BlockRange.all(2), model.weights());
                InferenceSession js = j.openSession(2, 12);
                InferenceSession ts = t.openSession(2, 12)) {
            int[] steps = {4, 1, 1, 3, 1};
            for (int i = 0; i < steps.length; i++) {
                Tensor x = Tensor.of(random(2 * steps[i] * h, 100 + i), 2, steps[i], h);
                float err = t.forward(x, ts).maxAbsDifference(j.forward(x, js));
                assertTrue(err <= TOLERANCE, "step " + i + ": engines differ by " + err);
            }
            assertEquals(10, ts.position());
        }
    }

    @Test
    void greedyGenerationsAreIdentical() {
        try (LoadedBlocks j = java.load(model.manifest(), BlockRange.all(2), model.weights());
                LoadedBlocks t = tf.load(model.manifest(), BlockRange.all(2), model.weights())) {
            ModelEnds ends = new ModelEnds(model.manifest().config(), model.weights());
            LocalGenerator.Result a = new LocalGenerator(ends, j, model.tokenizer())
                    .generate("The node", 40, SamplingOptions.GREEDY, s -> true);
            LocalGenerator.Result b = new LocalGenerator(ends, t, model.tokenizer())
                    .generate("The node", 40, SamplingOptions.GREEDY, s -> true);
            assertEquals(40, a.tokens().length);
            assertArrayEquals(a.tokens(), b.tokens(), a.text() + " vs " + b.text());
            assertEquals("tensorflow", b.engine());
        }
    }

    @Test
    void badInputIsRefusedAndTheEngineStaysUsable() {
        try (LoadedBlocks t = tf.load(model.manifest(), BlockRange.all(2), model.weights())) {
            assertThrows(RangeException.class, () -> tf.load(model.manifest(), new BlockRange(0, 3), model.weights()));
            InferenceSession s = t.openSession(1, 4);
            assertEquals(
                    "hidden states must have shape [1, seq, 64], got [1, 2, 63]",
                    assertThrows(ShapeException.class, () -> t.forward(Tensor.of(new float[126], 1, 2, 63), s))
                            .getMessage());
            t.forward(Tensor.of(random(3 * 64, 1), 1, 3, 64), s);
            assertEquals(
                    "positions 3..4 are beyond the session's max length 4",
                    assertThrows(RangeException.class, () -> t.forward(Tensor.of(new float[128], 1, 2, 64), s))
                            .getMessage());
            assertEquals(64, t.forward(Tensor.of(random(64, 2), 1, 1, 64), s).size());
            assertThrows(EngineMemoryException.class, () -> t.openSession(2000, 128));
            s.close();
            assertThrows(EngineException.class, () -> t.forward(Tensor.of(new float[64], 1, 1, 64), s));
            try (InferenceSession again = t.openSession(1, 8)) {
                assertEquals(
                        64, t.forward(Tensor.of(random(64, 3), 1, 1, 64), again).size());
            }
        }
    }

    @Test
    void theDeviceIsTheOneReallyUsed() {
        assertEquals(EngineProperties.CPU, TfRuntime.start("cpu", 1, null).device());
        TfRuntime requested = TfRuntime.start("gpu", 1, null);
        assumeTrue(
                requested.device().equals(EngineProperties.GPU),
                "no GPU here (CPU natives or no CUDA device): the GPU check is skipped; device gpu fell back to cpu");
        assertEquals(EngineProperties.GPU, tf.device());
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Arrays.copyOf(v, n);
    }
}
