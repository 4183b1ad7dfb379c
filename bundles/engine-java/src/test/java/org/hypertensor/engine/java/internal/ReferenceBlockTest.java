package org.hypertensor.engine.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java engine against {@link PlainLoopReference}, an independent computation of one decoder block in
 * plain loops, on the tiny generated model; and its cache against a full forward.
 */
class ReferenceBlockTest {

    @TempDir
    static Path dir;

    static Model model;
    static JavaEngine engine;

    @BeforeAll
    static void setUp() {
        ModelGenerator.generate(dir.resolve("tiny"), "tiny", ModelSize.TINY, 3, LoadProgress.NONE);
        model = ModelFiles.open(dir.resolve("tiny"), null, LoadProgress.NONE);
        engine = new JavaEngine(2, 64L << 20);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        engine.close();
    }

    @Test
    void eachBlockMatchesThePlainLoopReference() {
        ModelConfig c = model.manifest().config();
        int seq = 7;
        float[] input = random(2 * seq * c.hiddenSize(), 11);
        for (int block = 0; block < c.numLayers(); block++) {
            try (LoadedBlocks blocks =
                    engine.load(model.manifest(), new BlockRange(block, block + 1), model.weights())) {
                Tensor out = blocks.forward(Tensor.of(input, 2, seq, c.hiddenSize()));
                for (int b = 0; b < 2; b++) {
                    double[][] x = new double[seq][c.hiddenSize()];
                    for (int t = 0; t < seq; t++) {
                        for (int i = 0; i < c.hiddenSize(); i++) {
                            x[t][i] = input[(b * seq + t) * c.hiddenSize() + i];
                        }
                    }
                    double[][] expected = PlainLoopReference.block(c, model.weights(), block, x);
                    double maxErr = 0;
                    for (int t = 0; t < seq; t++) {
                        for (int i = 0; i < c.hiddenSize(); i++) {
                            maxErr = Math.max(
                                    maxErr, Math.abs(expected[t][i] - out.get((b * seq + t) * c.hiddenSize() + i)));
                        }
                    }
                    assertTrue(maxErr <= 1e-4, "block " + block + " batch " + b + " max abs error " + maxErr);
                }
            }
        }
    }

    @Test
    void decodingWithTheCacheEqualsOneFullForward() {
        ModelConfig c = model.manifest().config();
        int seq = 9;
        float[] input = random(seq * c.hiddenSize(), 5);
        try (LoadedBlocks blocks = engine.load(model.manifest(), BlockRange.all(c.numLayers()), model.weights())) {
            Tensor full = blocks.forward(Tensor.of(input, 1, seq, c.hiddenSize()));
            try (InferenceSession s = blocks.openSession(1, 16)) {
                float[] prefix = java.util.Arrays.copyOf(input, 5 * c.hiddenSize());
                Tensor first = blocks.forward(Tensor.of(prefix, 1, 5, c.hiddenSize()), s);
                assertEquals(5, s.position());
                float maxErr = 0;
                for (int i = 0; i < first.size(); i++) {
                    maxErr = Math.max(maxErr, Math.abs(first.get(i) - full.get(i)));
                }
                for (int t = 5; t < seq; t++) {
                    float[] one = java.util.Arrays.copyOfRange(input, t * c.hiddenSize(), (t + 1) * c.hiddenSize());
                    Tensor step = blocks.forward(Tensor.of(one, 1, 1, c.hiddenSize()), s);
                    for (int i = 0; i < c.hiddenSize(); i++) {
                        maxErr = Math.max(maxErr, Math.abs(step.get(i) - full.get(t * c.hiddenSize() + i)));
                    }
                }
                assertTrue(maxErr <= 1e-5, "cached decode differs from the full forward by " + maxErr);
                assertEquals(seq, s.position());
            }
        }
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
