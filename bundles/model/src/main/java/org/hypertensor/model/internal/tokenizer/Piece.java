package org.hypertensor.model.internal.tokenizer;

/**
 * A part of the input on its way to the model: its (normalized, pre-tokenized) text, and whether it begins
 * at the start of the original input (Metaspace's {@code prepend_scheme: first} prepends only there).
 */
record Piece(String text, boolean atStart) {

    /** A part of this piece starting at {@code from}. */
    Piece part(int from, int to) {
        return new Piece(text.substring(from, to), atStart && from == 0);
    }
}
