package org.hypertensor.model.api;

/** Text to token ids and back. */
public interface Tokenizer {

    int vocabSize();

    /** The token a prompt starts with, or -1. */
    int bosToken();

    /** The token that ends a generation, or -1. */
    int eosToken();

    /** The tokens of {@code text}, without a BOS token. */
    int[] encode(String text);

    /** The text of {@code tokens}; bytes that do not form valid UTF-8 yet decode as U+FFFD. */
    String decode(int[] tokens);
}
