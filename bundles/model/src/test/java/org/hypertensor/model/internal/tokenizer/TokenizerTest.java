package org.hypertensor.model.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void byteLevelRoundTripsUnicode() {
        ByteTokenizer t = new ByteTokenizer();
        int[] ids = t.encode("héllo ✓");
        assertEquals(10, ids.length);
        assertEquals("héllo ✓", t.decode(ids));
        assertEquals("a", t.decode(new int[] {ByteTokenizer.BOS, 'a', ByteTokenizer.EOS}));
    }

    /** A byte-level BPE in the tokenizer.json format: "Ġ" is the mapped space. */
    private static final String TOKENIZER_JSON = """
            {"version": "1.0",
             "added_tokens": [{"id": 9, "content": "<|endoftext|>", "special": true}],
             "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
             "decoder": {"type": "ByteLevel"},
             "model": {"type": "BPE",
               "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "Ġ": 4, "he": 5, "ll": 6, "hell": 7, "Ġhell": 8, "w": 10},
               "merges": ["h e", "l l", "he ll", "Ġ hell"]}}
            """;

    @Test
    void bpeAppliesMergesByRankAndKeepsSpecialTokens() {
        HfTokenizer t = HfTokenizer.parse(TOKENIZER_JSON, null);
        assertArrayEquals(new int[] {7, 3, 8, 3, 9}, t.encode("hello hello<|endoftext|>"));
        assertEquals("hello hello<|endoftext|>", t.decode(new int[] {7, 3, 8, 3, 9}));
        assertEquals(9, t.eosToken());
        assertEquals(11, t.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> t.encode("x"));
    }

    /** A SentencePiece-style file: metaspace, byte fallback, a template that adds {@code <s>}. */
    private static final String SENTENCEPIECE_JSON = """
            {"added_tokens": [{"id": 0, "content": "<unk>", "special": true},
                              {"id": 1, "content": "<s>", "special": true}],
             "normalizer": null,
             "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": false},
             "post_processor": {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
               "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
             "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
               {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
             "model": {"type": "BPE", "unk_token": "<unk>", "byte_fallback": true, "fuse_unk": true,
               "vocab": {"<unk>": 0, "<s>": 1, "<0xC3>": 2, "<0xA9>": 3, "\u2581": 4, "h": 5, "i": 6, "\u2581h": 7, "\u2581hi": 8},
               "merges": ["\u2581 h", "\u2581h i"]}}
            """;

    @Test
    void sentencePieceStyleUsesMetaspaceByteFallbackAndTheTemplate() {
        HfTokenizer t = HfTokenizer.parse(SENTENCEPIECE_JSON, null);
        assertArrayEquals(new int[] {8, 8, 2, 3}, t.encode("hi hi\u00e9"));
        assertArrayEquals(new int[] {1, 8}, t.encode("hi", true));
        assertEquals(1, t.bosToken());
        assertEquals("hi hi\u00e9", t.decode(new int[] {8, 8, 2, 3}));
        assertEquals("\ufffd", t.decode(new int[] {2}));
        assertEquals("hi", t.decode(new int[] {1, 8}, true));
    }

    @Test
    void unsupportedComponentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HfTokenizer.parse(
                        "{\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"},"
                                + " \"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}",
                        null));
        assertEquals("pre_tokenizer type 'BertPreTokenizer' is not supported", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> HfTokenizer.parse("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}", null));
        assertEquals("only BPE models are supported, got Unigram", e.getMessage());
    }
}
