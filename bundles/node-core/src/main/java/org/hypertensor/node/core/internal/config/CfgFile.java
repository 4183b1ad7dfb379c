package org.hypertensor.node.core.internal.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an {@code etc/*.cfg} file strictly: UTF-8 text, {@code key = value} (or {@code key: value}) lines,
 * {@code #} / {@code !} comments, a trailing backslash continues a line. Anything else (random bytes, a
 * line without a key, a control character, a key set twice) is a {@link SyntaxError} with its line, where
 * {@link java.util.Properties} would have guessed a meaning.
 */
final class CfgFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /** One setting and the line it starts on. */
    record Entry(String key, String value, int line) {}

    /** Why the file cannot be read, at which line (1-based). */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private CfgFile() {}

    /** The entries in file order. */
    static List<Entry> parse(byte[] bytes) throws SyntaxError {
        List<String> lines = lines(bytes);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int start = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (continues(line) && i + 1 < lines.size()) {
                logical.append(line, 0, line.length() - 1);
                line = lines.get(++i).strip();
            }
            logical.append(line);
            Entry e = entry(logical.toString(), start);
            Entry earlier = entries.putIfAbsent(e.key(), e);
            if (earlier != null) {
                throw new SyntaxError(start, "'" + e.key() + "' is already set on line " + earlier.line());
            }
        }
        return new ArrayList<>(entries.values());
    }

    private static Entry entry(String line, int number) throws SyntaxError {
        int sep = -1;
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '=' || c == ':') {
                sep = j;
                break;
            }
        }
        String key = sep < 0 ? "" : line.substring(0, sep).strip();
        if (sep < 0 || !KEY.matcher(key).matches()) {
            throw new SyntaxError(
                    number,
                    "expected key = value (a key of letters, digits, '.', '_', '-'), found '" + shorten(line) + "'");
        }
        return new Entry(key, line.substring(sep + 1).strip(), number);
    }

    private static boolean continues(String line) {
        int n = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Splits on LF (a CR before it is dropped) and decodes each line as strict UTF-8 without control characters. */
    private static List<String> lines(byte[] bytes) throws SyntaxError {
        List<String> out = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int from = 0;
        for (int to = 0; to <= bytes.length; to++) {
            if (to < bytes.length && bytes[to] != '\n') {
                continue;
            }
            int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
            int number = out.size() + 1;
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes, from, end - from)).toString();
            } catch (CharacterCodingException e) {
                throw new SyntaxError(number, "not UTF-8 text");
            }
            for (int j = 0; j < text.length(); j++) {
                char c = text.charAt(j);
                if (Character.isISOControl(c) && c != '\t') {
                    throw new SyntaxError(number, String.format("control character U+%04X", (int) c));
                }
            }
            out.add(text);
            from = to + 1;
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
