package org.hypertensor.model.internal.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.internal.json.Json;

/**
 * The special tokens the {@code post_processor} of a tokenizer.json adds around a single sequence:
 * TemplateProcessing's {@code single} template (e.g. {@code <s> $A}), nothing for ByteLevel (it changes only
 * offsets), the two composed for Sequence. Pair templates are not needed for generation and not read.
 *
 * @param prefix ids before the text
 * @param suffix ids after it
 */
record PostProcessor(List<Integer> prefix, List<Integer> suffix) {

    static final PostProcessor NONE = new PostProcessor(List.of(), List.of());

    static PostProcessor parse(Object json) {
        if (json == null) {
            return NONE;
        }
        Map<String, Object> p = Json.object(json, "'post_processor'");
        String type = Json.string(p, "type");
        return switch (type) {
            case "ByteLevel" -> NONE;
            case "Sequence" -> {
                List<Integer> prefix = new ArrayList<>();
                List<Integer> suffix = new ArrayList<>();
                for (Object step : Json.array(p.get("processors"), "'processors'")) {
                    PostProcessor s = parse(step);
                    prefix.addAll(0, s.prefix());
                    suffix.addAll(s.suffix());
                }
                yield new PostProcessor(List.copyOf(prefix), List.copyOf(suffix));
            }
            case "TemplateProcessing" -> template(p);
            default -> throw new IllegalArgumentException("post_processor type '" + type + "' is not supported");
        };
    }

    private static PostProcessor template(Map<String, Object> p) {
        Map<String, Object> specials = Json.object(p.get("special_tokens"), "'special_tokens'");
        List<Integer> prefix = new ArrayList<>();
        List<Integer> suffix = new ArrayList<>();
        boolean seenSequence = false;
        for (Object item : Json.array(p.get("single"), "'single'")) {
            Map<String, Object> entry = Json.object(item, "a template item");
            if (entry.containsKey("Sequence")) {
                if (seenSequence) {
                    throw new IllegalArgumentException("a single template with two sequences is not supported");
                }
                seenSequence = true;
                continue;
            }
            String name = Json.string(Json.object(entry.get("SpecialToken"), "'SpecialToken'"), "id");
            Map<String, Object> special = Json.object(specials.get(name), "special token '" + name + "'");
            for (Object id : Json.array(special.get("ids"), "'ids' of " + name)) {
                (seenSequence ? suffix : prefix).add((int) Json.integer(id, "a token id"));
            }
        }
        return new PostProcessor(List.copyOf(prefix), List.copyOf(suffix));
    }
}
