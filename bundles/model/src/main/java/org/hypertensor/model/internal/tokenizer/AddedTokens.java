package org.hypertensor.model.internal.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.model.internal.json.Json;

/**
 * The {@code added_tokens} of a tokenizer.json, matched before the model sees the text, leftmost-longest:
 * tokens with {@code normalized: false} in the raw text, the others in the normalized text (HF's two passes);
 * {@code lstrip} / {@code rstrip} take the whitespace beside a match into it.
 */
final class AddedTokens {

    /** A part of the input: an added token's id, or text (id -1) still to encode. */
    record Part(int id, Piece text) {}

    private record Added(String content, int id, boolean special, boolean lstrip, boolean rstrip) {}

    private final Map<String, Added> byContent = new HashMap<>();
    private final Pattern raw;
    private final Pattern normalized;

    AddedTokens(List<Object> json) {
        List<Added> rawTokens = new ArrayList<>();
        List<Added> normalizedTokens = new ArrayList<>();
        for (Object t : json) {
            Map<String, Object> token = Json.object(t, "an added token");
            String content = Json.string(token, "content");
            if (Boolean.TRUE.equals(token.get("single_word"))) {
                throw new IllegalArgumentException(
                        "added token '" + content + "' with single_word true is not supported");
            }
            Added added = new Added(
                    content,
                    Json.intField(token, "id"),
                    Boolean.TRUE.equals(token.get("special")),
                    Boolean.TRUE.equals(token.get("lstrip")),
                    Boolean.TRUE.equals(token.get("rstrip")));
            byContent.put(content, added);
            (Boolean.TRUE.equals(token.get("normalized")) ? normalizedTokens : rawTokens).add(added);
        }
        raw = alternation(rawTokens);
        normalized = alternation(normalizedTokens);
    }

    private static Pattern alternation(List<Added> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        return Pattern.compile(String.join(
                "|",
                tokens.stream()
                        .map(Added::content)
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .map(Pattern::quote)
                        .toList()));
    }

    Map<String, Integer> ids() {
        Map<String, Integer> ids = new HashMap<>();
        byContent.forEach((content, t) -> ids.put(content, t.id()));
        return ids;
    }

    boolean isSpecial(String content) {
        Added t = byContent.get(content);
        return t != null && t.special();
    }

    /** Splits raw input at the tokens matched on raw text. */
    List<Part> splitRaw(Piece text) {
        return split(text, raw);
    }

    /** Splits normalized text at the tokens matched after normalization. */
    List<Part> splitNormalized(Piece text) {
        return split(text, normalized);
    }

    private List<Part> split(Piece piece, Pattern pattern) {
        List<Part> out = new ArrayList<>();
        if (pattern == null) {
            out.add(new Part(-1, piece));
            return out;
        }
        String text = piece.text();
        Matcher m = pattern.matcher(text);
        int start = 0;
        while (m.find()) {
            Added t = byContent.get(m.group());
            int from = m.start();
            int to = m.end();
            if (t.lstrip()) {
                while (from > start && Character.isWhitespace(text.charAt(from - 1))) {
                    from--;
                }
            }
            if (t.rstrip()) {
                while (to < text.length() && Character.isWhitespace(text.charAt(to))) {
                    to++;
                }
            }
            if (from > start) {
                out.add(new Part(-1, piece.part(start, from)));
            }
            out.add(new Part(t.id(), null));
            start = to;
            m.region(to, text.length());
        }
        if (start < text.length()) {
            out.add(new Part(-1, piece.part(start, text.length())));
        }
        return out;
    }
}
