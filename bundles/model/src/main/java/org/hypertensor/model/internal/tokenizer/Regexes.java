package org.hypertensor.model.internal.tokenizer;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of tokenizer.json (written for Oniguruma, which HF tokenizers uses) as Java
 * patterns. Oniguruma's {@code \s} is Unicode whitespace and its {@code (?i)} folds Unicode case, which Java
 * does only with {@link Pattern#UNICODE_CHARACTER_CLASS}; {@code \p{L}}, {@code \p{N}}, lookahead and
 * possessive quantifiers mean the same in both.
 */
final class Regexes {

    private Regexes() {}

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex " + regex + " is not supported: " + e.getDescription());
        }
    }
}
