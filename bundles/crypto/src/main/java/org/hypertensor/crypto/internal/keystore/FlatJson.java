package org.hypertensor.crypto.internal.keystore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON subset key files use: one object whose values are strings, integers or booleans (no nesting,
 * arrays, fractions or null), read and written with Jackson. Strict: anything else is refused, so a damaged
 * file is reported as such rather than half-read.
 */
final class FlatJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** {@code "key": value}, two-space indent, LF on every platform: the files look the same everywhere. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private FlatJson() {}

    /** One object, keys in insertion order, indented, one member a line. */
    static String write(Map<String, Object> members) {
        for (Map.Entry<String, Object> member : members.entrySet()) {
            Object value = member.getValue();
            if (!(value instanceof String
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("unsupported JSON value for " + member.getKey() + ": " + value);
            }
        }
        try {
            return WRITER.writeValueAsString(members) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a key file", e);
        }
    }

    /**
     * The members of one object: {@code String}, {@code Long} or {@code Boolean} values.
     *
     * @throws IllegalArgumentException "not a key file (JSON): …" saying what is not in the accepted subset
     */
    static Map<String, Object> read(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused(e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw refused("expected one object");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                members.put(field.getKey(), value.textValue());
            } else if (value.isBoolean()) {
                members.put(field.getKey(), value.booleanValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                members.put(field.getKey(), value.longValue());
            } else {
                throw refused("'" + field.getKey() + "' is not a string, an integer or a boolean");
            }
        }
        return members;
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("not a key file (JSON): " + why);
    }
}
