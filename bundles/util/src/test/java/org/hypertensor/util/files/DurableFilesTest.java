package org.hypertensor.util.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @Test
    void replacesWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/state.bin");
        DurableFiles.replace(file, "one".getBytes(StandardCharsets.UTF_8), true);
        DurableFiles.replace(file, "two".getBytes(StandardCharsets.UTF_8), true);
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("a/b/state.bin.tmp")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedRenameRemovesTheTemporaryFileAndKeepsTheOldContent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state.bin");
        DurableFiles.replace(file, new byte[] {1}, false);
        Path folderInTheWay = dir.resolve("blocked");
        Files.createDirectories(folderInTheWay.resolve("not-empty"));
        assertThrows(IOException.class, () -> DurableFiles.replace(folderInTheWay, new byte[] {2}, false));
        assertFalse(Files.exists(dir.resolve("blocked.tmp")));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
    }
}
