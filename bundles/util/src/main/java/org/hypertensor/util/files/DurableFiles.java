package org.hypertensor.util.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that a crash (kill -9, power loss) leaves either the old content or the new, never a mix:
 * temporary file in the same folder, fsync, atomic rename, fsync of the folder.
 */
public final class DurableFiles {

    private DurableFiles() {}

    /** Replaces {@code target} through {@code <target>.tmp} beside it. */
    public static void replace(Path target, byte[] content, boolean ownerOnly) throws IOException {
        replace(target, content, ownerOnly, target.resolveSibling(target.getFileName() + ".tmp"));
    }

    /**
     * Replaces {@code target} through {@code temp}, which must be in the same folder; {@code ownerOnly} makes the
     * file readable by its owner alone (before any content is written). On failure the temporary file is removed.
     */
    public static void replace(Path target, byte[] content, boolean ownerOnly, Path temp) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        boolean moved = false;
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            if (ownerOnly) {
                restrictToOwner(temp);
            }
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncFolder(folder);
    }

    /** {@code rw-------} for a file, {@code rwx------} for a folder; on a non-POSIX file system, the folder's ACLs. */
    public static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(
                    path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException e) {
            // a non-POSIX file system (Windows) has no such permissions: the home's ACLs apply
        }
    }

    /** Makes a rename or delete in {@code folder} durable; where folders cannot be opened, the rename is all there is. */
    public static void syncFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (e.g. Windows): the atomic rename still leaves old or new
        }
    }
}
