package org.hypertensor.console.ssh.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * {@code data/node.endpoint}: where the running node's SSH console listens, for {@code hypertensor client}
 * and {@code run -c} on the same home. Removed when the console stops; one left by a killed node is
 * recognised as stale by its process id (and by a refused connection).
 */
final class EndpointFile {

    private final Path file;

    EndpointFile(Path file) {
        this.file = file;
    }

    void write(String host, int port, String fingerprint, String clientKey) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("client.key", clientKey);
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        StringWriter text = new StringWriter();
        p.store(text, "The running node's SSH console (removed when it stops)");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if this process wrote it (another node may have taken the home since). */
    void removeIfOurs() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        if (Long.toString(ProcessHandle.current().pid()).equals(p.getProperty("pid"))) {
            Files.deleteIfExists(file);
        }
    }
}
