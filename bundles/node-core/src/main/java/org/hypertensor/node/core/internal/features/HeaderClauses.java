package org.hypertensor.node.core.internal.features;

import java.util.ArrayList;
import java.util.List;

/** Splits an OSGi/bnd header into clauses at commas that are not inside quotes. */
final class HeaderClauses {

    private HeaderClauses() {}

    static List<String> split(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : header.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                add(clauses, current);
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + header);
        }
        add(clauses, current);
        return clauses;
    }

    private static void add(List<String> clauses, StringBuilder current) {
        String clause = current.toString().trim();
        if (!clause.isEmpty()) {
            clauses.add(clause);
        }
        current.setLength(0);
    }
}
