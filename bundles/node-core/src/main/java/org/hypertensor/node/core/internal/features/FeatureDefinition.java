package org.hypertensor.node.core.internal.features;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A feature as the build resolved it: a bndrun file whose {@code -runbundles} bnd's resolver wrote.
 * The file name is the feature name; {@code feature.description} and {@code feature.boot} describe it;
 * {@code feature.needs} names manifest headers its bundles must carry in this distribution (e.g. GPU natives).
 */
record FeatureDefinition(
        String name, String description, boolean boot, List<BundleRequirement> bundles, List<Need> needs) {

    /** The distribution's bundle {@code symbolicName} must have {@code header: value} (a build variant). */
    record Need(String symbolicName, String header, String value) {

        /** {@code org.hypertensor.engine.tensorflow;Hypertensor-Natives=linux-x86_64-gpu} */
        static Need parse(String clause) throws IOException {
            String[] parts = clause.split(";", 2);
            int eq = parts.length < 2 ? -1 : parts[1].indexOf('=');
            if (eq <= 0) {
                throw new IOException("feature.needs '" + clause + "' is not SYMBOLIC-NAME;HEADER=VALUE");
            }
            return new Need(
                    parts[0].trim(),
                    parts[1].substring(0, eq).trim(),
                    parts[1].substring(eq + 1).trim());
        }
    }

    static final String SUFFIX = ".bndrun";

    static FeatureDefinition read(Path file) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        String runBundles = props.getProperty("-runbundles");
        if (runBundles == null || runBundles.isBlank()) {
            throw new IOException("feature " + name + " is not resolved: " + fileName + " has no -runbundles");
        }
        List<BundleRequirement> bundles = new ArrayList<>();
        for (String clause : HeaderClauses.split(runBundles)) {
            bundles.add(BundleRequirement.parse(clause));
        }
        List<Need> needs = new ArrayList<>();
        for (String clause : HeaderClauses.split(props.getProperty("feature.needs", ""))) {
            needs.add(Need.parse(clause));
        }
        return new FeatureDefinition(
                name,
                props.getProperty("feature.description", "").trim(),
                Boolean.parseBoolean(props.getProperty("feature.boot", "false").trim()),
                List.copyOf(bundles),
                List.copyOf(needs));
    }
}
