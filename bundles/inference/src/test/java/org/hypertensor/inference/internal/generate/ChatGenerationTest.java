package org.hypertensor.inference.internal.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.model.api.ChatMessage;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.store.ModelStore;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation with what a checkpoint says beside its weights: the end tokens of generation_config.json (a list)
 * stop it, and a chat goes through the chat template of tokenizer_config.json, tokenized without a second BOS.
 * On the real Java engine and a generated model.
 */
class ChatGenerationTest {

    private static final Map<String, Object> JAVA =
            Map.of(EngineProperties.NAME, "java", EngineProperties.DEVICE, "cpu", EngineProperties.PRIORITY, 10);

    @TempDir
    Path root;

    private static CompletionRequest greedy(String prompt) {
        return new CompletionRequest("tiny", prompt, 12, SamplingOptions.GREEDY);
    }

    private static CompletionRequest chat(ChatMessage... messages) {
        return CompletionRequest.chat("tiny", List.of(messages), 12, SamplingOptions.GREEDY);
    }

    @Test
    void anyOfTheListedEndTokensStopsGeneration() throws Exception {
        ModelStore store = new ModelStore(root);
        store.generate("tiny", "tiny", 5, LoadProgress.NONE);
        try (JavaEngine engine = new JavaEngine(1, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            registry.addEngine(engine, JAVA);
            LocalTextGenerator generator = new LocalTextGenerator(store, new BlockHostImpl(registry));
            int[] free = tokens(store, generator, "Hello");
            int k = firstRepeatFreeIndex(free, 3);
            Files.writeString(
                    root.resolve("tiny/generation_config.json"),
                    "{\"bos_token_id\": 256, \"eos_token_id\": [100000, " + free[k] + ", 257]}",
                    StandardCharsets.UTF_8);
            generator.close(); // the model is opened again, with its new end tokens
            Completion c = generator.generate(greedy("Hello"), p -> true);
            assertEquals(k, c.completionTokens(), "stopped at the listed token " + free[k]);
            assertEquals(Completion.Finish.STOP, c.finish(), "finish_reason stop");
            generator.close();
        }
    }

    @Test
    void aChatGoesThroughTheCheckpointsTemplate() throws Exception {
        ModelStore store = new ModelStore(root);
        store.generate("tiny", "tiny", 5, LoadProgress.NONE);
        String template = "{{ bos_token }}{% for m in messages %}{% if m.role == 'tool' %}"
                + "{{ raise_exception('no tools here') }}{% endif %}<{{ m.role }}>{{ m.content | trim }}\n{% endfor %}"
                + "{% if add_generation_prompt %}<assistant>{% endif %}";
        Files.writeString(
                root.resolve("tiny/tokenizer_config.json"),
                "{\"bos_token\": \"B\", \"chat_template\": " + quote(template) + "}",
                StandardCharsets.UTF_8);
        try (JavaEngine engine = new JavaEngine(1, 64L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            registry.addEngine(engine, JAVA);
            LocalTextGenerator generator = new LocalTextGenerator(store, new BlockHostImpl(registry));
            String rendered = "B<system>Be brief.\n<user>Hi\n<assistant>";
            try (Model model = store.open("tiny", LoadProgress.NONE)) {
                List<ChatMessage> messages =
                        List.of(new ChatMessage("system", " Be brief. "), new ChatMessage("user", "Hi"));
                assertEquals(rendered, model.tokenizer().renderChat(messages));
                assertArrayEquals(
                        model.tokenizer().encode(rendered, false),
                        model.tokenizer().encodeChat(messages),
                        "the template writes the special tokens: none added");
            }
            Completion c = generator.generate(
                    chat(new ChatMessage("system", " Be brief. "), new ChatMessage("user", "Hi")), p -> true);
            assertEquals(rendered.length(), c.promptTokens(), "a byte each, no BOS added");
            Completion plain =
                    generator.generate(new CompletionRequest("tiny", rendered, 12, SamplingOptions.GREEDY), p -> true);
            assertEquals(rendered.length() + 1, plain.promptTokens(), "a plain prompt gets the BOS");

            GenerationException refused = assertThrows(
                    GenerationException.class, () -> generator.generate(chat(new ChatMessage("tool", "x")), p -> true));
            assertEquals(GenerationException.Kind.INVALID_REQUEST, refused.kind());
            assertTrue(refused.getMessage().contains("no tools here"), refused.getMessage());
            generator.close();

            Files.writeString(
                    root.resolve("tiny/tokenizer_config.json"),
                    "{\"chat_template\": \"{% macro m() %}{% endmacro %}\"}",
                    StandardCharsets.UTF_8);
            GenerationException unsupported = assertThrows(
                    GenerationException.class, () -> generator.generate(chat(new ChatMessage("user", "x")), p -> true));
            assertEquals(GenerationException.Kind.INTERNAL, unsupported.kind());
            assertTrue(unsupported.getMessage().contains("{% macro %}"), unsupported.getMessage());
            assertEquals(12, generator.generate(greedy("Hello"), p -> true).completionTokens(), "plain prompts work");
            generator.close();
        }
    }

    private static int[] tokens(ModelStore store, LocalTextGenerator generator, String prompt) {
        Completion c = generator.generate(greedy(prompt), p -> true);
        assertEquals(12, c.completionTokens());
        try (Model model = store.open("tiny", LoadProgress.NONE)) {
            return model.tokenizer().encode(c.text());
        }
    }

    /** An index at least {@code from} whose token does not occur before it. */
    private static int firstRepeatFreeIndex(int[] tokens, int from) {
        for (int k = from; k < tokens.length; k++) {
            boolean earlier = false;
            for (int i = 0; i < k; i++) {
                earlier |= tokens[i] == tokens[k];
            }
            if (!earlier) {
                return k;
            }
        }
        throw new AssertionError("every token repeats an earlier one");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
