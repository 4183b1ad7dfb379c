package org.hypertensor.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' text exposition format as a scraper reads it, and the metric names the Grafana dashboard
 * ({@code docs/grafana-dashboard.json}) queries. Free of test-framework classes: used both by JUnit 5 tests
 * outside the container and by Pax Exam tests inside it.
 */
final class PromText {

    static final Path DASHBOARD = Path.of("../docs/grafana-dashboard.json");
    /** A metric name in the dashboard's PromQL. */
    private static final Pattern QUERIED = Pattern.compile("\\b(?:hypertensor|jvm|process)_[a-z_]+\\b");
    /** A sample line: name, optional labels, a value (Go float syntax), an optional timestamp. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");

    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset");

    private PromText() {}

    /**
     * Parses the text format strictly: every line a comment (HELP/TYPE once per family) or a sample. Each
     * metric's first sample is under its name, and each series under its name and labels as written.
     *
     * @throws IllegalArgumentException at the first line that breaks the format
     */
    static Map<String, Double> parse(String body) {
        Map<String, Double> first = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                if (parts.length != 4 || !TYPES.contains(parts[3])) {
                    throw new IllegalArgumentException("bad TYPE line: " + line);
                }
                if (!typed.add(parts[2])) {
                    throw new IllegalArgumentException("TYPE twice for " + parts[2]);
                }
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Double value = Double.valueOf(m.group(3).replace("Inf", "Infinity"));
                first.putIfAbsent(m.group(1), value);
                if (m.group(2) != null) {
                    first.put(m.group(1) + m.group(2), value);
                }
            }
        }
        return first;
    }

    /**
     * The metric names a query can use: every family's samples, even one without samples now (a counter no event
     * has moved yet): from its TYPE line, with the suffixes its type gives.
     */
    static Set<String> names(String body) {
        Set<String> names = new HashSet<>(parse(body).keySet());
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                String name = parts[2];
                names.add(name);
                switch (parts[3]) {
                    case "counter" -> names.add(name.endsWith("_total") ? name : name + "_total");
                    case "histogram", "summary" ->
                        names.addAll(Set.of(name + "_bucket", name + "_sum", name + "_count"));
                    default -> {}
                }
            }
        }
        return names;
    }

    /** Every metric name the dashboard's queries use. */
    static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = QUERIED.matcher(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
