package org.hypertensor.inference.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.generate.LocalGenerator;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks move between engines as they come and go; open sessions continue with unchanged outputs. */
class HostSwapTest {

    @TempDir
    Path dir;

    @Test
    void blocksFollowTheBestEngineAndSessionsSurvive() {
        ModelGenerator.generate(dir, "tiny", ModelSize.TINY, 5, LoadProgress.NONE);
        try (Model model = ModelFiles.open(dir, null, LoadProgress.NONE);
                JavaEngine low = new JavaEngine(1, 64L << 20);
                JavaEngine high = new JavaEngine(2, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            BlockHostImpl host = new BlockHostImpl(registry);
            assertThrows(
                    EngineException.class, () -> host.host(model.manifest(), new BlockRange(0, 2), model.weights()));
            registry.addEngine(low, props("slow", 10));
            HostedBlocks blocks = host.host(model.manifest(), new BlockRange(0, 2), model.weights());
            float[][] steps = {random(3 * 64, 1), random(64, 2), random(64, 3), random(64, 4)};
            int[] lengths = {3, 1, 1, 1};

            Tensor[] expected = new Tensor[steps.length];
            try (InferenceSession reference = blocks.openSession(1, 8)) {
                for (int i = 0; i < steps.length; i++) {
                    expected[i] = blocks.forward(Tensor.of(steps[i], 1, lengths[i], 64), reference);
                }
            }
            InferenceSession session = blocks.openSession(1, 8);
            assertSame(expected[0], blocks.forward(Tensor.of(steps[0], 1, 3, 64), session));

            registry.addEngine(high, props("fast", 20));
            assertEquals(1, blocks.moves(), "a better engine takes the blocks");
            assertSame(expected[1], blocks.forward(Tensor.of(steps[1], 1, 1, 64), session));

            registry.prefer("slow");
            assertEquals(2, blocks.moves());
            assertSame(expected[2], blocks.forward(Tensor.of(steps[2], 1, 1, 64), session));
            registry.prefer("");
            assertEquals(3, blocks.moves());

            registry.removeEngine(high);
            assertEquals(4, blocks.moves(), "the blocks go back when the engine leaves");
            assertSame(expected[3], blocks.forward(Tensor.of(steps[3], 1, 1, 64), session));
            assertEquals(6, session.position());

            registry.removeEngine(low);
            assertFalse(blocks.isLoaded());
            assertEquals(
                    "no engine can run blocks 0:2 now (install an engine feature)",
                    assertThrows(EngineException.class, () -> blocks.forward(Tensor.of(steps[3], 1, 1, 64), session))
                            .getMessage());
            registry.addEngine(low, props("slow", 10));
            assertTrue(blocks.isLoaded());
            session.close();
            blocks.close();
            assertTrue(host.hosted().isEmpty());
        }
    }

    @Test
    void greedyGenerationIsTheSameBeforeAndAfterAMove() {
        ModelGenerator.generate(dir, "tiny", ModelSize.TINY, 5, LoadProgress.NONE);
        try (Model model = ModelFiles.open(dir, null, LoadProgress.NONE);
                JavaEngine a = new JavaEngine(1, 64L << 20);
                JavaEngine b = new JavaEngine(2, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            BlockHostImpl host = new BlockHostImpl(registry);
            registry.addEngine(a, props("a", 10));
            HostedBlocks blocks = host.host(model.manifest(), BlockRange.all(2), model.weights());
            LocalGenerator gen = new LocalGenerator(
                    new ModelEnds(model.manifest().config(), model.weights()), blocks, model.tokenizer());
            StringBuilder streamed = new StringBuilder();
            LocalGenerator.Result first = gen.generate("Hello", 20, SamplingOptions.GREEDY, s -> {
                streamed.append(s);
                return true;
            });
            assertEquals(20, first.tokens().length);
            assertEquals(first.text(), streamed.toString());
            assertTrue(first.text().chars().allMatch(ch -> ch >= 32 && ch <= 126), first.text());
            registry.addEngine(b, props("b", 20));
            assertEquals(
                    first.text(),
                    gen.generate("Hello", 20, SamplingOptions.GREEDY, s -> true).text());
            SamplingOptions sampled = new SamplingOptions(0.8, 40, 0.95, 7);
            assertEquals(
                    gen.generate("Hi", 10, sampled, s -> true).text(),
                    gen.generate("Hi", 10, sampled, s -> true).text());
        }
    }

    @Test
    void sessionsStepConcurrentlyWhileTheBlocksMove() throws Exception {
        ModelGenerator.generate(dir, "tiny", ModelSize.TINY, 5, LoadProgress.NONE);
        try (Model model = ModelFiles.open(dir, null, LoadProgress.NONE);
                JavaEngine a = new JavaEngine(1, 64L << 20);
                JavaEngine b = new JavaEngine(2, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            BlockHostImpl host = new BlockHostImpl(registry);
            registry.addEngine(a, props("a", 10));
            registry.addEngine(b, props("b", 5));
            HostedBlocks blocks = host.host(model.manifest(), BlockRange.all(2), model.weights());
            int steps = 24;
            Tensor[][] inputs = new Tensor[2][steps];
            Tensor[][] expected = new Tensor[2][steps];
            for (int t = 0; t < 2; t++) {
                try (InferenceSession reference = blocks.openSession(1, steps)) {
                    for (int i = 0; i < steps; i++) {
                        inputs[t][i] = Tensor.of(random(64, 1000 * t + i), 1, 1, 64);
                        expected[t][i] = blocks.forward(inputs[t][i], reference);
                    }
                }
            }
            java.util.concurrent.ConcurrentLinkedQueue<String> failures =
                    new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread[] workers = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int which = t;
                workers[t] = new Thread(() -> {
                    try (InferenceSession s = blocks.openSession(1, steps)) {
                        for (int i = 0; i < steps; i++) {
                            float err = blocks.forward(inputs[which][i], s).maxAbsDifference(expected[which][i]);
                            if (err > 1e-5) {
                                failures.add("session " + which + " step " + i + " differs by " + err);
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                });
                workers[t].start();
            }
            for (int i = 0; i < 6; i++) {
                registry.prefer(i % 2 == 0 ? "b" : "a");
            }
            for (Thread w : workers) {
                w.join();
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(6, blocks.moves());
            blocks.close();
        }
    }

    private static void assertSame(Tensor expected, Tensor actual) {
        float err = expected.maxAbsDifference(actual);
        assertTrue(err <= 1e-5, "outputs differ by " + err);
    }

    private static Map<String, Object> props(String name, int priority) {
        return Map.of(EngineProperties.NAME, name, EngineProperties.DEVICE, "cpu", EngineProperties.PRIORITY, priority);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
