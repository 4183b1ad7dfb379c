package org.hypertensor.node.core.internal.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** The bundle jars a distribution ships for its features ({@code system/}), indexed by name and version. */
final class BundleRepository {

    record Entry(String symbolicName, Version version, Path file) {}

    private final List<Entry> entries;

    private BundleRepository(List<Entry> entries) {
        this.entries = entries;
    }

    static BundleRepository scan(List<Path> dirs) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar"))
                        .sorted()
                        .toList()) {
                    read(jar).ifPresent(entries::add);
                }
            }
        }
        return new BundleRepository(List.copyOf(entries));
    }

    /** The highest version of the bundle within the requirement's range. */
    Optional<Entry> find(BundleRequirement requirement) {
        return entries.stream()
                .filter(e -> requirement.matches(e.symbolicName(), e.version()))
                .max(Comparator.comparing(Entry::version));
    }

    private static Optional<Entry> read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                return Optional.empty();
            }
            Attributes main = file.getManifest().getMainAttributes();
            String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                return Optional.empty();
            }
            String version = main.getValue(Constants.BUNDLE_VERSION);
            return Optional.of(new Entry(
                    bsn.split(";")[0].trim(), Version.parseVersion(version == null ? "0" : version.trim()), jar));
        }
    }
}
