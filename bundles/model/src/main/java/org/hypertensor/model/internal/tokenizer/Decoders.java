package org.hypertensor.model.internal.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.model.internal.json.Json;

/**
 * The {@code decoder} of a tokenizer.json: HF's decoders work on the list of token strings (each step maps
 * the list to a new one) and the text is their concatenation. ByteLevel, Metaspace, Replace, ByteFallback,
 * Fuse, Strip and Sequence are supported; another type is refused by name.
 */
final class Decoders {

    /** One decoding step over the token strings. */
    interface Decoder extends UnaryOperator<List<String>> {}

    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-F]{2})>");

    private Decoders() {}

    static Decoder parse(Object json) {
        if (json == null) {
            return tokens -> tokens;
        }
        Map<String, Object> d = Json.object(json, "'decoder'");
        String type = Json.string(d, "type");
        return switch (type) {
            case "Sequence" -> {
                List<Decoder> steps = Json.array(d.get("decoders"), "'decoders'").stream()
                        .map(Decoders::parse)
                        .toList();
                yield tokens -> {
                    for (Decoder step : steps) {
                        tokens = step.apply(tokens);
                    }
                    return tokens;
                };
            }
            case "ByteLevel" ->
                tokens -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    tokens.forEach(t -> ByteLevel.decode(t, bytes));
                    return List.of(bytes.toString(StandardCharsets.UTF_8));
                };
            case "Metaspace" -> {
                String replacement = Json.string(d, "replacement");
                String scheme = d.get("prepend_scheme") instanceof String s
                        ? s
                        : Boolean.FALSE.equals(d.get("add_prefix_space")) ? "never" : "always";
                // HF drops every replacement character of the first token when a prefix was prepended
                yield tokens -> {
                    List<String> out = new ArrayList<>(tokens.size());
                    for (int i = 0; i < tokens.size(); i++) {
                        out.add(tokens.get(i).replace(replacement, i == 0 && !scheme.equals("never") ? "" : " "));
                    }
                    return out;
                };
            }
            case "Replace" -> {
                Pattern pattern = Normalizers.pattern(d.get("pattern"));
                String content = Matcher.quoteReplacement(Json.string(d, "content"));
                yield tokens -> tokens.stream()
                        .map(t -> pattern.matcher(t).replaceAll(content))
                        .toList();
            }
            case "ByteFallback" -> Decoders::byteFallback;
            case "Fuse" -> tokens -> List.of(String.join("", tokens));
            case "Strip" -> {
                String content = Json.string(d, "content");
                int start = Json.intField(d, "start");
                int stop = Json.intField(d, "stop");
                yield tokens ->
                        tokens.stream().map(t -> strip(t, content, start, stop)).toList();
            }
            default -> throw new IllegalArgumentException("decoder type '" + type + "' is not supported");
        };
    }

    /** Runs of {@code <0xNN>} tokens become their UTF-8 text, or one U+FFFD per byte if it is not valid. */
    private static List<String> byteFallback(List<String> tokens) {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (String t : tokens) {
            Matcher m = BYTE_TOKEN.matcher(t);
            if (m.matches()) {
                pending.write(Integer.parseInt(m.group(1), 16));
                continue;
            }
            flush(pending, out);
            out.add(t);
        }
        flush(pending, out);
        return out;
    }

    private static void flush(ByteArrayOutputStream pending, List<String> out) {
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        try {
            out.add(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            for (int i = 0; i < bytes.length; i++) {
                out.add("\uFFFD");
            }
        }
    }

    /** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters. */
    private static String strip(String token, String content, int start, int stop) {
        int from = 0;
        while (from < start && token.startsWith(content, from)) {
            from += content.length();
        }
        int to = token.length();
        for (int i = 0;
                i < stop && to - content.length() >= from && token.startsWith(content, to - content.length());
                i++) {
            to -= content.length();
        }
        return token.substring(from, to);
    }
}
