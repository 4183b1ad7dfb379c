package org.hypertensor.logging.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only log file that rolls over by size (node.log, node.log.1 … node.log.N), so a node that
 * runs for months does not fill its disk.
 */
final class LogFile {

    private final Path path;
    private final long maxBytes;
    private final int keep;
    private BufferedWriter out;
    private long size;
    private boolean broken;

    LogFile(Path path, long maxBytes, int keep) throws IOException {
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Path directory = path.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        open();
    }

    Path path() {
        return path;
    }

    synchronized void write(String line, Throwable error) {
        if (broken) {
            return;
        }
        try {
            StringBuilder text = new StringBuilder(line).append('\n');
            if (error != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                text.append(trace);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (size + bytes.length > maxBytes && size > 0) {
                roll();
            }
            out.write(text.toString());
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            // A full or read-only disk must not take the node down: report once, keep the console.
            broken = true;
            System.err.println("logging: cannot write " + path + " (" + e.getMessage() + "); file logging stopped");
        }
    }

    synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing a log file that failed: nothing left to save
        }
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(
                path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(path);
    }

    private void roll() throws IOException {
        out.close();
        for (int i = keep - 1; i >= 1; i--) {
            Path from = sibling(i);
            if (Files.exists(from)) {
                Files.move(from, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(path, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path sibling(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }
}
