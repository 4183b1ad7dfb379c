package org.hypertensor.model.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * JSON for model files (manifests, safetensors headers, tokenizer.json). Reading is Jackson's, strict
 * (duplicate keys and trailing content refused), objects keep their key order and integers come back as
 * {@code Integer}, {@code Long} or {@code BigInteger} by size (tokenizer configs hold numbers like 1e30
 * written as integers); {@link #integer} reads the first two. Writing stays here: the manifest's bytes define the model id, so their layout must never
 * change with a library upgrade.
 */
public final class Json {

    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {}

    /** Parses a JSON document; an {@link IllegalArgumentException} says what is malformed and where. */
    public static Object parse(String text) {
        try {
            return READER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr(),
                    e);
        }
    }

    /** Writes a value (Map, List, String, Number, Boolean, null) as indented JSON. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(indent).append("  ");
                quote(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, list.get(i), indent);
            }
            out.append(']');
        } else if (value instanceof String s) {
            quote(out, s);
        } else {
            out.append(value);
        }
    }

    private static void quote(StringBuilder out, String s) {
        quote(out, s, false);
    }

    /**
     * {@code s} as a JSON string; {@code shortEscapes} writes backspace and form feed as {@code \b} and {@code
     * \f} (as Python's json module does) instead of {@code \u0008} and {@code \u000c}.
     */
    public static void quote(StringBuilder out, String s, boolean shortEscapes) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (shortEscapes && (c == '\b' || c == '\f')) {
                        out.append(c == '\b' ? "\\b" : "\\f");
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ---- typed access, with errors that name the field ----

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException(what + " must be an object");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value, String what) {
        if (value instanceof List<?>) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException(what + " must be an array");
    }

    public static String string(Map<String, Object> map, String key) {
        if (map.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + key + "' must be a string");
    }

    public static long integer(Object value, String what) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger) {
            throw new IllegalArgumentException(what + " is out of range");
        }
        throw new IllegalArgumentException(what + " must be an integer");
    }

    public static int intField(Map<String, Object> map, String key) {
        long v = integer(map.get(key), "'" + key + "'");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + key + "' is out of range");
        }
        return (int) v;
    }

    public static double number(Map<String, Object> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a number");
    }
}
