package org.hypertensor.crypto.internal.keystore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON subset key files use: one object whose values are strings, integers or booleans (no
 * nesting, arrays, fractions or null). Strict: anything else is refused, so a damaged file is
 * reported as such rather than half-read.
 */
final class FlatJson {

    private FlatJson() {}

    /** One object, keys in insertion order, two-space indented, one member a line. */
    static String write(Map<String, Object> members) {
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> member : members.entrySet()) {
            out.append("  ");
            quote(out, member.getKey());
            out.append(": ");
            Object value = member.getValue();
            if (value instanceof String s) {
                quote(out, s);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
                out.append(value);
            } else {
                throw new IllegalArgumentException("unsupported JSON value for " + member.getKey() + ": " + value);
            }
            out.append(++i < members.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * The members of one object: {@code String}, {@code Long} or {@code Boolean} values.
     *
     * @throws IllegalArgumentException saying where the text stops being the accepted subset
     */
    static Map<String, Object> read(String text) {
        Parser parser = new Parser(text);
        Map<String, Object> members = parser.object();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("text after the object");
        }
        return members;
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            skipSpace();
            expect('{');
            Map<String, Object> members = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (members.put(key, value()) != null) {
                    throw error("duplicate member \"" + key + "\"");
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    return members;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = pos;
                if (c == '-') {
                    pos++;
                }
                while (!atEnd() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                try {
                    return Long.parseLong(text.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("not an integer");
                }
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw error("expected a string, an integer or a boolean");
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        void skipSpace() {
            while (!atEnd() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            if (atEnd()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not a key file (JSON): " + what + " at character " + pos);
        }
    }
}
