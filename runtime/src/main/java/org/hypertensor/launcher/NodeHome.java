package org.hypertensor.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A node's home: {@code etc/} (seeded from the distribution's defaults, never overwritten),
 * {@code deploy/} and {@code data/}; a lock keeps two nodes from sharing one.
 */
final class NodeHome {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    NodeHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path data() {
        return root.resolve("data");
    }

    /** Creates the folders and copies default config files the home does not have yet. */
    void prepare(Path defaults) throws IOException {
        Files.createDirectories(etc());
        Files.createDirectories(root.resolve("deploy"));
        Files.createDirectories(data());
        if (!Files.isDirectory(defaults)
                || defaults.toAbsolutePath().normalize().equals(etc())) {
            return;
        }
        try (Stream<Path> files = Files.list(defaults)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = etc().resolve(String.valueOf(file.getFileName()));
                if (!Files.exists(target)) {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Whether a node holds the home's lock now (without taking it). */
    boolean inUse() throws IOException {
        Path file = data().resolve(".lock");
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this very process
        }
    }

    /** Takes the home's lock, or explains who holds it. */
    void lock() throws IOException {
        Path file = data().resolve(".lock");
        lockChannel = new RandomAccessFile(file.toFile(), "rw").getChannel();
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            lockChannel.close();
            throw new IllegalStateException("another node is running with home " + root
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it or use --home");
        }
        lockChannel.truncate(0);
        lockChannel.write(StandardCharsets.UTF_8.encode(
                Long.toString(ProcessHandle.current().pid())));
    }
}
