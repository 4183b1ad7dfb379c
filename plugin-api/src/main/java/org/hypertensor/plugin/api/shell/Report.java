package org.hypertensor.plugin.api.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Several titled tables, for a command that describes something from more than one side. */
public final class Report {

    private final LinkedHashMap<String, Table> sections = new LinkedHashMap<>();

    public static Report create() {
        return new Report();
    }

    /** Adds a section; titles are unique and keep their order. */
    public Report section(String title, Table table) {
        if (sections.putIfAbsent(title, table) != null) {
            throw new IllegalArgumentException("duplicate report section '" + title + "'");
        }
        return this;
    }

    public Map<String, Table> sections() {
        return Collections.unmodifiableMap(sections);
    }

    /** Each section as its title, then its table, separated by blank lines. */
    @Override
    public String toString() {
        var parts = new ArrayList<String>();
        sections.forEach((title, table) -> parts.add(title + "\n" + table));
        return String.join("\n", parts);
    }
}
