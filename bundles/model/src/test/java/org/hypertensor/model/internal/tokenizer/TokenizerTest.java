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
             "model": {"type": "BPE",
               "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "Ġ": 4, "he": 5, "ll": 6, "hell": 7, "Ġhell": 8, "w": 10},
               "merges": ["h e", "l l", "he ll", "Ġ hell"]}}
            """;

    @Test
    void bpeAppliesMergesByRankAndKeepsSpecialTokens() {
        BpeTokenizer t = BpeTokenizer.parse(TOKENIZER_JSON);
        assertArrayEquals(new int[] {7, 3, 8, 3, 9}, t.encode("hello hello<|endoftext|>"));
        assertEquals("hello hello<|endoftext|>", t.decode(new int[] {7, 3, 8, 3, 9}));
        assertEquals(9, t.eosToken());
        assertEquals(11, t.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> t.encode("x"));
    }

    @Test
    void sentencePieceTokenizersAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BpeTokenizer.parse(
                        "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"\u2581a\": 0, \"\u2581\": 1}, \"merges\": []}}"));
        assertEquals("SentencePiece-style (metaspace) BPE is not supported, only byte-level", e.getMessage());
    }
}
