package org.hypertensor.model.internal.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and tag tokens the way Hugging Face's chat-template environment configures
 * Jinja: {@code trim_blocks} (the newline after a block tag goes), {@code lstrip_blocks} (spaces and tabs
 * before a block tag on its line go), {@code -} whitespace control on either side of any tag, and one
 * trailing newline of the template dropped.
 */
final class Lexer {

    enum Kind {
        TEXT,
        BLOCK_BEGIN,
        BLOCK_END,
        VAR_BEGIN,
        VAR_END,
        NAME,
        STRING,
        INTEGER,
        FLOAT,
        OPERATOR,
        EOF
    }

    record Token(Kind kind, String value, int line) {

        boolean is(Kind k, String v) {
            return kind == k && value.equals(v);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "the end of the template" : "'" + value + "' (line " + line + ")";
        }
    }

    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "~", "|", ".", ",", ":", "(", ")", "[",
        "]", "{", "}", "="
    };

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String source) {
        String s = source.replace("\r\n", "\n");
        this.src = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean stripNextText = false;
        while (pos < src.length()) {
            int tag = nextTag(pos);
            String text = src.substring(pos, tag < 0 ? src.length() : tag);
            if (stripNextText) {
                text = text.stripLeading();
            }
            stripNextText = false;
            if (tag < 0) {
                addText(text);
                pos = src.length();
                break;
            }
            char type = src.charAt(tag + 1);
            boolean minus = tag + 2 < src.length() && src.charAt(tag + 2) == '-';
            boolean plus = tag + 2 < src.length() && src.charAt(tag + 2) == '+';
            if (minus) {
                text = text.stripTrailing();
            } else if (!plus && type != '{') {
                text = lstripBlock(text);
            }
            addText(text);
            line += count(src, pos, tag);
            pos = tag + 2 + (minus || plus ? 1 : 0);
            if (type == '#') {
                int end = src.indexOf("#}", pos);
                if (end < 0) {
                    throw new TemplateException("a comment opened on line " + line + " is never closed");
                }
                stripNextText = src.charAt(end - 1) == '-';
                line += count(src, pos, end);
                pos = trimBlock(end + 2, stripNextText);
                continue;
            }
            boolean block = type == '%';
            tokens.add(new Token(block ? Kind.BLOCK_BEGIN : Kind.VAR_BEGIN, block ? "{%" : "{{", line));
            stripNextText = insideTag(block);
        }
        tokens.add(new Token(Kind.EOF, "", line));
    }

    private void addText(String text) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Kind.TEXT, text, line));
        }
    }

    /** Jinja's lstrip_blocks: only blanks between the line's start and a block tag are dropped. */
    private String lstripBlock(String text) {
        int lineStart = text.lastIndexOf('\n') + 1;
        boolean atLineStart = lineStart > 0 || pos == 0 || src.charAt(pos - 1) == '\n';
        if (!atLineStart) {
            return text;
        }
        for (int i = lineStart; i < text.length(); i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return text;
            }
        }
        return text.substring(0, lineStart);
    }

    private int trimBlock(int after, boolean stripped) {
        if (!stripped && after < src.length() && src.charAt(after) == '\n') {
            line++;
            return after + 1;
        }
        return after;
    }

    private int nextTag(int from) {
        int i = src.indexOf('{', from);
        while (i >= 0 && i + 1 < src.length()) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i = src.indexOf('{', i + 1);
        }
        return -1;
    }

    /** Tokens up to the tag's end; returns whether the text after it is stripped ({@code -%}}, {@code -}}}). */
    private boolean insideTag(boolean block) {
        int depth = 0;
        while (true) {
            if (pos >= src.length()) {
                throw new TemplateException(
                        "a " + (block ? "{% … %}" : "{{ … }}") + " tag is never closed (line " + line + ")");
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            String end = block ? "%}" : "}}";
            if (depth == 0
                    && (src.startsWith(end, pos) || src.startsWith("-" + end, pos) || src.startsWith("+" + end, pos))) {
                boolean minus = c == '-';
                pos += end.length() + (c == '-' || c == '+' ? 1 : 0);
                tokens.add(new Token(block ? Kind.BLOCK_END : Kind.VAR_END, end, line));
                if (block) {
                    pos = trimBlock(pos, minus);
                }
                return minus;
            }
            if (c == '\'' || c == '"') {
                tokens.add(new Token(Kind.STRING, string(c), line));
            } else if (Character.isDigit(c)) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Kind.NAME, src.substring(start, pos), line));
            } else {
                String op = operator();
                depth += op.equals("{") ? 1 : op.equals("}") ? -1 : 0;
                tokens.add(new Token(Kind.OPERATOR, op, line));
            }
        }
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw new TemplateException("unexpected character '" + src.charAt(pos) + "' on line " + line);
    }

    private void number() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        boolean afterDot = !tokens.isEmpty() && tokens.get(tokens.size() - 1).is(Kind.OPERATOR, ".");
        if (!afterDot && pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            tokens.add(new Token(Kind.FLOAT, src.substring(start, pos).replace("_", ""), line));
            return;
        }
        tokens.add(new Token(Kind.INTEGER, src.substring(start, pos).replace("_", ""), line));
    }

    /** A Python string literal with its escapes. */
    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new TemplateException("a string opened on line " + line + " is never closed");
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\' || pos >= src.length()) {
                out.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'a' -> out.append('\u0007');
                case '0' -> out.append('\0');
                case '\\', '\'', '"' -> out.append(e);
                case '\n' -> line++;
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (pos + n > src.length()) {
                        throw new TemplateException("a \\" + e + " escape on line " + line + " is cut short");
                    }
                    try {
                        out.appendCodePoint(Integer.parseInt(src.substring(pos, pos + n), 16));
                    } catch (IllegalArgumentException ex) {
                        throw new TemplateException("invalid \\" + e + " escape on line " + line);
                    }
                    pos += n;
                }
                default -> out.append('\\').append(e);
            }
        }
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
