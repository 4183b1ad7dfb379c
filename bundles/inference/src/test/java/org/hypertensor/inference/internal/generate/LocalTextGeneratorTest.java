package org.hypertensor.inference.internal.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.GeneratorModel;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.store.ModelStore;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local generator on the real Java engine and generated models. */
class LocalTextGeneratorTest {

    private static final Map<String, Object> JAVA =
            Map.of(EngineProperties.NAME, "java", EngineProperties.DEVICE, "cpu", EngineProperties.PRIORITY, 10);

    @TempDir
    Path root;

    private static CompletionRequest greedy(String model, String prompt) {
        return new CompletionRequest(model, prompt, 12, SamplingOptions.GREEDY);
    }

    @Test
    void servesTheModelsUnderDataModelsAsInferLocalDoes() throws Exception {
        ModelStore store = new ModelStore(root);
        store.generate("tiny", "tiny", 5, LoadProgress.NONE);
        store.generate("other", "tiny", 6, LoadProgress.NONE);
        try (JavaEngine engine = new JavaEngine(1, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            registry.addEngine(engine, JAVA);
            BlockHostImpl host = new BlockHostImpl(registry);
            LocalTextGenerator generator = new LocalTextGenerator(store, host);
            List<GeneratorModel> models = generator.models();
            assertEquals(
                    List.of("other", "tiny"),
                    models.stream().map(GeneratorModel::id).toList());
            assertEquals(0, models.get(0).subnet());
            assertEquals(
                    store.manifest("tiny").config().maxPositions(),
                    models.get(1).maxPositions());

            String expected;
            try (Model model = store.open("tiny", LoadProgress.NONE)) {
                HostedBlocks blocks = host.host(model.manifest(), BlockRange.all(2), model.weights());
                expected = new LocalGenerator(
                                new ModelEnds(model.manifest().config(), model.weights()), blocks, model.tokenizer())
                        .generate("Hello", 12, SamplingOptions.GREEDY, s -> true)
                        .text();
                blocks.close();
            }
            StringBuilder streamed = new StringBuilder();
            Completion c = generator.generate(greedy("tiny", "Hello"), p -> {
                streamed.append(p);
                return true;
            });
            assertEquals(expected, c.text(), "the same greedy text as infer:local's generator");
            assertEquals(expected, streamed.toString());
            assertEquals(6, c.promptTokens(), "BOS + 5 bytes");
            assertEquals(12, c.completionTokens());
            assertEquals(Completion.Finish.LENGTH, c.finish());
            assertEquals("local:java", c.route());

            Completion stopped = generator.generate(greedy("tiny", "Hello"), p -> false);
            assertEquals(Completion.Finish.STOP, stopped.finish(), "the listener stopped it");
            assertEquals(1, stopped.completionTokens());

            // two models asked for at once: each generation runs on the model it asked for
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Completion>> runs = List.of(
                        pool.submit(() -> generator.generate(greedy("other", "Hello"), p -> true)),
                        pool.submit(() -> generator.generate(greedy("tiny", "Hello"), p -> true)),
                        pool.submit(() -> generator.generate(greedy("other", "Hello"), p -> true)));
                assertEquals(expected, runs.get(1).get().text());
                assertEquals(runs.get(0).get().text(), runs.get(2).get().text());
            } finally {
                pool.shutdown();
            }
            generator.close();
            assertTrue(host.hosted().isEmpty(), "closing unhosts the model");
        }
    }

    @Test
    void failuresSayWhoseFaultTheyAre() {
        ModelStore store = new ModelStore(root);
        store.generate("tiny", "tiny", 5, LoadProgress.NONE);
        try (JavaEngine engine = new JavaEngine(1, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            BlockHostImpl host = new BlockHostImpl(registry);
            LocalTextGenerator generator = new LocalTextGenerator(store, host);
            GenerationException noEngine =
                    assertThrows(GenerationException.class, () -> generator.generate(greedy("tiny", "x"), p -> true));
            assertEquals(GenerationException.Kind.UNAVAILABLE, noEngine.kind(), noEngine.getMessage());

            registry.addEngine(engine, JAVA);
            GenerationException unknown = assertThrows(
                    GenerationException.class,
                    () -> generator.generate(greedy(root.resolve("tiny").toString(), "x"), p -> true));
            assertEquals(GenerationException.Kind.UNKNOWN_MODEL, unknown.kind(), "a path is never a model id");
            int positions = store.manifest("tiny").config().maxPositions();
            GenerationException tooLong = assertThrows(
                    GenerationException.class,
                    () -> generator.generate(greedy("tiny", "x".repeat(positions)), p -> true));
            assertEquals(GenerationException.Kind.INVALID_REQUEST, tooLong.kind());
            assertTrue(
                    tooLong.getMessage().contains("more than the model's " + positions + " positions"),
                    tooLong.getMessage());
            generator.close();
        }
    }
}
