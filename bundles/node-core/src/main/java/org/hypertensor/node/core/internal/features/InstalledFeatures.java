package org.hypertensor.node.core.internal.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.hypertensor.util.files.DurableFiles;

/**
 * The names of the features an operator installed, one per line, written atomically (temp file,
 * then rename) so a crash never leaves a half-written list.
 */
final class InstalledFeatures {

    private final Path file;
    private final TreeSet<String> names = new TreeSet<>();

    InstalledFeatures(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        names.add(line.trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    synchronized List<String> names() {
        return List.copyOf(names);
    }

    synchronized boolean contains(String name) {
        return names.contains(name);
    }

    synchronized void add(String name) {
        if (names.add(name)) {
            save();
        }
    }

    synchronized void remove(String name) {
        if (names.remove(name)) {
            save();
        }
    }

    private void save() {
        try {
            StringBuilder text = new StringBuilder("# features installed with feature:install\n");
            names.forEach(n -> text.append(n).append('\n'));
            DurableFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
