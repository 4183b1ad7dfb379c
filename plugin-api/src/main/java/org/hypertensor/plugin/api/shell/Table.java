package org.hypertensor.plugin.api.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Rows of text under named columns: what a shell command returns so the shell prints it aligned,
 * while scripts can still read the cells.
 *
 * <pre>{@code
 * return Table.of("ID", "STATE").row(1, "active").row(2, "resolved");
 * }</pre>
 */
public final class Table {

    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = List.copyOf(columns);
    }

    /** A table with these column headers. */
    public static Table of(String... columns) {
        return new Table(Arrays.asList(columns));
    }

    /** A two-column PROPERTY / VALUE table, for a command describing one thing. */
    public static Table properties() {
        return of("PROPERTY", "VALUE");
    }

    /** Appends a row; cells are printed with {@link String#valueOf}, {@code null} as "-". */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells but the table has " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : String.valueOf(cell));
        }
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as aligned text: header, a rule, then the rows; the last column is not padded. */
    @Override
    public String toString() {
        int[] widths = new int[columns.size()];
        measure(columns, widths);
        rows.forEach(r -> measure(r, widths));
        StringBuilder out = new StringBuilder();
        append(out, columns, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        append(out, rule, widths);
        rows.forEach(r -> append(out, r, widths));
        return out.toString();
    }

    private static void measure(List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            widths[i] = Math.max(widths[i], cells.get(i).length());
        }
    }

    private static void append(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && columns.equals(t.columns) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }
}
