package org.hypertensor.node.core.internal.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;

/**
 * Command results as JSON for {@code run --json}: a table is an array of objects keyed by its
 * lower-case column names, a PROPERTY/VALUE table one object, a report an object of its sections;
 * anything else is the text the shell would print, as a JSON string. Cells stay the strings the shell
 * shows ("-" for none), so a script sees exactly what an operator sees.
 */
final class JsonResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> PROPERTY_COLUMNS = Table.properties().columns();

    private JsonResults() {}

    static String of(Object result, String text) {
        try {
            if (result instanceof Table table) {
                return JSON.writeValueAsString(table(table));
            }
            if (result instanceof Report report) {
                ObjectNode sections = NODES.objectNode();
                for (Map.Entry<String, Table> s : report.sections().entrySet()) {
                    sections.set(key(s.getKey()), table(s.getValue()));
                }
                return JSON.writeValueAsString(sections);
            }
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON: " + e.getMessage(), e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode table(Table table) {
        List<String> columns = table.columns();
        if (columns.equals(PROPERTY_COLUMNS)) {
            ObjectNode properties = NODES.objectNode();
            table.rows().forEach(r -> properties.put(key(r.get(0)), r.get(1)));
            return properties;
        }
        ArrayNode rows = NODES.arrayNode();
        for (List<String> r : table.rows()) {
            ObjectNode row = rows.addObject();
            for (int i = 0; i < columns.size(); i++) {
                row.put(key(columns.get(i)), r.get(i));
            }
        }
        return rows;
    }

    /** "SYMBOLIC NAME" → "symbolic_name": keys a script can use without quoting. */
    static String key(String header) {
        return header.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
