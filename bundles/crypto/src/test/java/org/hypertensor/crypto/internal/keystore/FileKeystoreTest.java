package org.hypertensor.crypto.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.KeystoreException;
import org.hypertensor.crypto.api.KeystoreException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeystoreTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    @TempDir
    Path home;

    private Path dir;
    private FileKeystore store;

    @BeforeEach
    void setUp() {
        dir = home.resolve("data/keystore");
        // cheap scrypt for tests; the defaults are covered by defaultParametersAreWrittenToTheFile
        store = new FileKeystore(
                dir,
                new ScryptParams(10, 8, 1),
                new SecureRandom(),
                Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void generateListUnlockRoundTrip() {
        KeyInfo created = store.generate("validator", PASSWORD);
        assertEquals(List.of(created), store.list());
        assertTrue(Files.exists(dir.resolve(created.address() + ".json")));
        Ed25519KeyPair pair = store.unlock("validator", PASSWORD.clone());
        assertEquals(created.address(), pair.address());
        byte[] message = "block 1".getBytes(StandardCharsets.UTF_8);
        assertTrue(Ed25519.verify(created.publicKey(), message, pair.sign(message)));
        assertFalse(created.dev());
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), created.created());

        // a second store over the same directory (a restart) sees the same key
        FileKeystore again = new FileKeystore(dir, 15, 8, 1);
        assertEquals(pair, again.unlock(created.address(), PASSWORD));
    }

    @Test
    void wrongPasswordIsOneLine() {
        store.generate("validator", PASSWORD);
        KeystoreException e =
                assertThrows(KeystoreException.class, () -> store.unlock("validator", "nope".toCharArray()));
        assertEquals(Reason.WRONG_PASSWORD, e.reason());
        assertEquals("wrong password for key 'validator' (or its file was altered)", e.getMessage());
    }

    @Test
    void theSeedIsNotInTheFile() throws IOException {
        KeyInfo key = store.importSeed("k", SEED, PASSWORD, false);
        String text = Files.readString(dir.resolve(key.address() + ".json"));
        assertFalse(text.contains(SEED), text);
        assertTrue(text.contains("\"version\": 1"), text);
        assertTrue(text.contains("\"cipher\": \"aes-256-gcm\""), text);
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKeyHex());
        assertEquals(SEED, Hex.encode(store.unlock("k", PASSWORD).seed()));
    }

    @Test
    void importAcceptsHexWithPrefixAndRejectsJunkWithoutEchoingIt() {
        assertEquals(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                store.importSeed("k", "0x" + SEED.toUpperCase(), PASSWORD, false)
                        .publicKeyHex());
        String secretish = SEED.substring(0, 60) + "zz";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> store.importSeed("j", secretish, PASSWORD, false));
        assertFalse(e.getMessage().contains(secretish), e.getMessage());
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.importSeed("j", "/Alice", PASSWORD, true));
    }

    @Test
    void devUrisOnlyWhenAllowed() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> store.importSeed("alice", "//Alice", PASSWORD, false));
        assertTrue(refused.getMessage().contains("not marked dev"), refused.getMessage());
        assertTrue(store.list().isEmpty());

        KeyInfo alice = store.importSeed("alice", "//Alice", PASSWORD, true);
        assertTrue(alice.dev());
        assertEquals(DevKeys.derive("//Alice").address(), alice.address());
        assertEquals(DevKeys.derive("//Alice"), store.unlock("alice", PASSWORD));
    }

    @Test
    void devKeysAreRefusedWhenUnlockingForANonDevChain() {
        store.importSeed("alice", "//Alice", PASSWORD, true);
        // the same well-known key smuggled in as a plain hex seed
        store.importSeed("bob", Hex.encode(DevKeys.derive("//Bob").seed()), PASSWORD, false);
        store.importSeed("real", SEED, PASSWORD, false);
        for (String name : new String[] {"alice", "bob"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> store.unlock(name, PASSWORD, false));
            assertTrue(e.getMessage().contains("is a development key"), e.getMessage());
        }
        assertEquals(DevKeys.derive("//Alice"), store.unlock("alice", PASSWORD, true));
        assertEquals(DevKeys.derive("//Bob"), store.unlock("bob", PASSWORD, true));
        assertEquals(SEED, Hex.encode(store.unlock("real", PASSWORD, false).seed()));
    }

    @Test
    void namesAndKeysAreUnique() {
        KeyInfo a = store.importSeed("a", SEED, PASSWORD, false);
        IllegalArgumentException sameName =
                assertThrows(IllegalArgumentException.class, () -> store.generate("a", PASSWORD));
        assertTrue(sameName.getMessage().contains("already exists"), sameName.getMessage());
        IllegalArgumentException sameKey =
                assertThrows(IllegalArgumentException.class, () -> store.importSeed("b", SEED, PASSWORD, false));
        assertEquals("this key is already stored as 'a'", sameKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.generate("bad name", PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> store.generate("../escape", PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> store.generate("x", new char[0]));
        assertEquals(List.of(a), store.list());
    }

    @Test
    void inspectByNameAddressOrPublicKey() {
        KeyInfo a = store.importSeed("a", SEED, PASSWORD, false);
        assertEquals(a, store.inspect("a").orElseThrow());
        assertEquals(a, store.inspect(a.address()).orElseThrow());
        assertEquals(a, store.inspect("0x" + a.publicKeyHex()).orElseThrow());
        assertTrue(store.inspect("b").isEmpty());
        assertTrue(store.inspect("").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.unlock("b", PASSWORD));
        assertEquals("no key named 'b' in the keystore", e.getMessage());
    }

    @Test
    void removeDeletesTheFile() {
        KeyInfo a = store.generate("a", PASSWORD);
        assertTrue(store.remove("a"));
        assertFalse(Files.exists(dir.resolve(a.address() + ".json")));
        assertFalse(store.remove("a"));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void alteringThePublicHeaderMakesTheFileFailToOpen() throws IOException {
        KeyInfo alice = store.importSeed("alice", "//Alice", PASSWORD, true);
        Path file = dir.resolve(alice.address() + ".json");
        // someone clears the dev flag to sneak a well-known key onto a real chain
        Files.writeString(file, Files.readString(file).replace("\"dev\": true", "\"dev\": false"));
        assertFalse(store.inspect("alice").orElseThrow().dev());
        KeystoreException e = assertThrows(KeystoreException.class, () -> store.unlock("alice", PASSWORD));
        assertEquals(Reason.WRONG_PASSWORD, e.reason());
    }

    @Test
    void alteredCiphertextFailsAuthentication() throws IOException {
        KeyInfo k = store.importSeed("k", SEED, PASSWORD, false);
        Path file = dir.resolve(k.address() + ".json");
        String text = Files.readString(file);
        int at = text.indexOf("\"ciphertext\": \"") + 15;
        char flipped = text.charAt(at) == '0' ? '1' : '0';
        Files.writeString(file, text.substring(0, at) + flipped + text.substring(at + 1));
        assertEquals(
                Reason.WRONG_PASSWORD,
                assertThrows(KeystoreException.class, () -> store.unlock("k", PASSWORD))
                        .reason());
    }

    @Test
    void damagedFilesAreSkippedAndReported() throws IOException {
        KeyInfo good = store.importSeed("good", SEED, PASSWORD, false);
        KeyInfo bad = store.generate("bad", PASSWORD);
        Path badFile = dir.resolve(bad.address() + ".json");
        byte[] content = Files.readAllBytes(badFile);
        Files.write(badFile, java.util.Arrays.copyOf(content, content.length / 2)); // torn write
        assertEquals(List.of(good), store.list());
        assertTrue(store.inspect("bad").isEmpty());
        assertEquals(good, store.inspect("good").orElseThrow());

        Files.writeString(badFile, "{\"format\": \"hypertensor-keystore\", \"version\": 2}");
        KeystoreException e =
                assertThrows(KeystoreException.class, () -> KeyFile.parse(Files.readString(badFile), "x.json"));
        assertEquals(Reason.CORRUPTED, e.reason());
        assertTrue(e.getMessage().contains("unsupported version 2"), e.getMessage());

        Files.write(badFile, new byte[] {(byte) 0xC3, 0x28}); // not UTF-8
        assertEquals(List.of(good), store.list());
    }

    @Test
    void addressMustMatchThePublicKey() throws IOException {
        KeyInfo a = store.importSeed("a", SEED, PASSWORD, false);
        Path file = dir.resolve(a.address() + ".json");
        String other = DevKeys.derive("//Bob").address();
        String text = Files.readString(file).replace(a.address(), other);
        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyFile.parse(text, "a.json"));
        assertTrue(e.getMessage().contains("address does not match the public key"), e.getMessage());
    }

    @Test
    void hostileScryptParametersAreRefused() throws IOException {
        KeyInfo a = store.importSeed("a", SEED, PASSWORD, false);
        String text = Files.readString(dir.resolve(a.address() + ".json")).replace("\"n\": 1024", "\"n\": 1073741824");
        KeystoreException e = assertThrows(KeystoreException.class, () -> KeyFile.parse(text, "a.json"));
        assertTrue(e.getMessage().contains("outside 10..20"), e.getMessage());
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        KeyInfo a = store.importSeed("a", SEED, PASSWORD, false);
        store.generate("b", PASSWORD);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> !p.getFileName().toString().startsWith(".")), "temporary file left");
        }
        // a write that cannot complete (the target is a non-empty directory) leaves the old state alone
        Path target = dir.resolve("blocked.json");
        Files.createDirectories(target.resolve("inside"));
        KeystoreException e =
                assertThrows(KeystoreException.class, () -> store.writeAtomically(target, new byte[] {1}));
        assertEquals(Reason.IO, e.reason());
        assertFalse(e.getMessage().contains("\n"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    0,
                    files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))
                            .count());
        }
        assertEquals(a, store.inspect("a").orElseThrow());
        // an interrupted write's temporary file is ignored
        Files.writeString(dir.resolve(".tmp-123.json"), "{");
        assertEquals(2, store.list().size());
    }

    @Test
    void filesAreOwnerOnly() throws IOException {
        KeyInfo a = store.generate("a", PASSWORD);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(a.address() + ".json"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }
    }

    @Test
    void defaultParametersAreWrittenToTheFile() throws IOException {
        FileKeystore standard = new FileKeystore(home.resolve("std"), 15, 8, 1);
        KeyInfo k = standard.importSeed("k", SEED, PASSWORD, false);
        String text = Files.readString(home.resolve("std").resolve(k.address() + ".json"));
        assertTrue(text.contains("\"n\": 32768"), text);
        assertTrue(text.contains("\"r\": 8"), text);
        assertTrue(text.contains("\"p\": 1"), text);
        assertEquals(SEED, Hex.encode(standard.unlock("k", PASSWORD).seed()));
    }
}
