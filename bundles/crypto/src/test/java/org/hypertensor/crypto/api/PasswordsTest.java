package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {

    @TempDir
    Path tmp;

    @Test
    void theFirstLineIsThePassword() throws IOException {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "pässword with spaces \r\nsecond line");
        assertArrayEquals("pässword with spaces ".toCharArray(), Passwords.fromFile(file));
        Files.writeString(file, "nonl");
        assertArrayEquals("nonl".toCharArray(), Passwords.fromFile(file));
    }

    @Test
    void emptyMissingOrBinaryFilesAreRefused() throws IOException {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "\n");
        assertThrows(IllegalArgumentException.class, () -> Passwords.fromFile(file));
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE});
        assertEquals(
                KeystoreException.Reason.IO,
                assertThrows(KeystoreException.class, () -> Passwords.fromFile(file))
                        .reason());
        KeystoreException missing =
                assertThrows(KeystoreException.class, () -> Passwords.fromFile(tmp.resolve("none")));
        assertEquals(true, missing.getMessage().startsWith("cannot read password file"), missing.getMessage());
    }
}
