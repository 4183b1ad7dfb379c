package org.hypertensor.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The node running on a home, as its SSH console announced it in {@code data/node.endpoint}: where to
 * connect, the host key to expect and the client key to log in with. A file left by a node that died
 * (its process gone, or the home no longer locked) is stale and removed.
 *
 * @param host the SSH console's address
 * @param port its port
 * @param fingerprint its host key's SHA256 fingerprint
 * @param clientKey the home owner's private key
 */
record RunningNode(String host, int port, String fingerprint, Path clientKey) {

    static final String ENDPOINT = "node.endpoint";

    static Optional<RunningNode> find(NodeHome home) throws IOException {
        Path file = home.data().resolve(ENDPOINT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        long pid = number(p.getProperty("pid"));
        boolean alive =
                pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        int port = (int) number(p.getProperty("port"));
        String host = p.getProperty("host");
        if (!alive || !home.inUse() || port <= 0 || host == null) {
            Files.deleteIfExists(file);
            return Optional.empty();
        }
        return Optional.of(new RunningNode(
                host,
                port,
                p.getProperty("fingerprint", ""),
                home.root().resolve(p.getProperty("client.key", "etc/client.key"))));
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
