package org.hypertensor.node.core.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code "cmd a ; cmd b"} into statements at semicolons outside quotes, braces, brackets and
 * parentheses, so each statement's result can be printed and its failure reported on its own.
 */
final class StatementSplitter {

    private StatementSplitter() {}

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && quote == '"' && i + 1 < script.length()) {
                    current.append(script.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> {
                    quote = c;
                    current.append(c);
                }
                case '{', '(', '[' -> {
                    depth++;
                    current.append(c);
                }
                case '}', ')', ']' -> {
                    depth = Math.max(0, depth - 1);
                    current.append(c);
                }
                case ';', '\n' -> {
                    if (depth == 0) {
                        flush(statements, current);
                    } else {
                        current.append(c);
                    }
                }
                default -> current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote");
        }
        flush(statements, current);
        return statements;
    }

    private static void flush(List<String> statements, StringBuilder current) {
        String statement = current.toString().trim();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
