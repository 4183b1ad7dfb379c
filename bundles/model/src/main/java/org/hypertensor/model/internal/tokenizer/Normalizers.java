package org.hypertensor.model.internal.tokenizer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.model.internal.json.Json;

/** The {@code normalizer} of a tokenizer.json as a string function; an unsupported type is refused by name. */
final class Normalizers {

    private Normalizers() {}

    static UnaryOperator<String> parse(Object json) {
        if (json == null) {
            return UnaryOperator.identity();
        }
        Map<String, Object> n = Json.object(json, "'normalizer'");
        String type = Json.string(n, "type");
        return switch (type) {
            case "Sequence" -> {
                List<UnaryOperator<String>> steps = Json.array(n.get("normalizers"), "'normalizers'").stream()
                        .map(Normalizers::parse)
                        .toList();
                yield s -> {
                    for (UnaryOperator<String> step : steps) {
                        s = step.apply(s);
                    }
                    return s;
                };
            }
            case "NFC" -> s -> Normalizer.normalize(s, Normalizer.Form.NFC);
            case "NFD" -> s -> Normalizer.normalize(s, Normalizer.Form.NFD);
            case "NFKC" -> s -> Normalizer.normalize(s, Normalizer.Form.NFKC);
            case "NFKD" -> s -> Normalizer.normalize(s, Normalizer.Form.NFKD);
            case "Lowercase" -> s -> s.toLowerCase(Locale.ROOT);
            case "Prepend" -> {
                String prefix = Json.string(n, "prepend");
                yield s -> s.isEmpty() ? s : prefix + s;
            }
            case "Replace" -> {
                Pattern pattern = pattern(n.get("pattern"));
                String content = Matcher.quoteReplacement(Json.string(n, "content"));
                yield s -> pattern.matcher(s).replaceAll(content);
            }
            case "Strip" -> {
                boolean left = Boolean.TRUE.equals(n.get("strip_left"));
                boolean right = Boolean.TRUE.equals(n.get("strip_right"));
                yield s -> left && right ? s.strip() : left ? s.stripLeading() : right ? s.stripTrailing() : s;
            }
            default -> throw new IllegalArgumentException("normalizer type '" + type + "' is not supported");
        };
    }

    /** A {@code {"String": s}} or {@code {"Regex": r}} pattern of tokenizer.json. */
    static Pattern pattern(Object json) {
        Map<String, Object> p = Json.object(json, "a pattern");
        if (p.get("String") instanceof String s) {
            return Pattern.compile(Pattern.quote(s));
        }
        if (p.get("Regex") instanceof String r) {
            return Regexes.compile(r);
        }
        throw new IllegalArgumentException("a pattern must be {\"String\": ..} or {\"Regex\": ..}, got " + p);
    }
}
