package org.hypertensor.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code conf/config.properties} with {@code ${name}} placeholders filled from the launch values and
 * system properties; a system property of the same name overrides a value ({@code -Dfelix.fileinstall.poll=250}).
 */
final class FrameworkProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private FrameworkProperties() {}

    static Map<String, String> load(Path file, Map<String, String> launchValues) throws IOException {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        }
        Map<String, String> out = new TreeMap<>(launchValues);
        for (String key : raw.stringPropertyNames()) {
            out.put(key, raw.getProperty(key).trim());
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (out.containsKey(key) || key.startsWith("hypertensor.") || key.startsWith("felix.")) {
                out.put(key, System.getProperty(key));
            }
        }
        out.replaceAll((k, v) -> substitute(v, out, 0));
        return out;
    }

    private static String substitute(String value, Map<String, String> values, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("placeholders nest too deep in '" + value + "'");
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = values.getOrDefault(name, System.getProperty(name));
            if (replacement == null) {
                throw new IllegalArgumentException("config.properties uses ${" + name + "}, which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(substitute(replacement, values, depth + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
