package org.hypertensor.crypto.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.crypto.api.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: each way a validator key cannot be had is one clear line, not a stack trace or the wrong reason. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyAMissingPasswordFileAndAGoodOneEachSayWhatTheyAre() {
        FileKeystore store = new FileKeystore(dir.resolve("keystore"), 10, 8, 1);
        KeyInfo info = store.generate("validator", "secret".toCharArray());

        IllegalArgumentException noKey = assertThrows(
                IllegalArgumentException.class,
                () -> SigningKeys.resolve("valdator", false, store, () -> Optional.of("secret".toCharArray())));
        assertEquals(
                "no key named 'valdator' in the keystore (key:list shows the names; a development key is written"
                        + " //Name)",
                noKey.getMessage());

        Path missing = dir.resolve("nope.txt");
        IllegalArgumentException noFile = assertThrows(
                IllegalArgumentException.class,
                () -> SigningKeys.resolve("validator", false, store, () -> Passwords.fromFileOrEnvironment(missing)));
        assertEquals(
                "cannot read the keystore password for 'validator': cannot read password file " + missing
                        + ": NoSuchFileException " + missing,
                noFile.getMessage());

        assertArrayEquals(
                java.util.HexFormat.of().parseHex(info.publicKeyHex()),
                SigningKeys.resolve("validator", false, store, () -> Optional.of("secret".toCharArray()))
                        .publicKey());
    }

    /** Issue 16: a key unlocked once in the console (key:unlock) signs without the environment's password. */
    @Test
    void aKeyKeptUnlockedSignsWithoutAPasswordUntilLocked() {
        FileKeystore store = new FileKeystore(dir.resolve("keystore"), 10, 8, 1);
        KeyInfo info = store.generate("operator", "secret".toCharArray());
        IllegalArgumentException locked = assertThrows(
                IllegalArgumentException.class, () -> SigningKeys.resolve("operator", false, store, Optional::empty));
        assertEquals(
                "no keystore password for 'operator' (unlock it in the console with key:unlock operator, or set "
                        + Passwords.ENVIRONMENT_VARIABLE + " or a password file)",
                locked.getMessage());
        assertThrows(
                org.hypertensor.crypto.api.KeystoreException.class,
                () -> store.keepUnlocked("operator", "wrong".toCharArray()));

        store.keepUnlocked("operator", "secret".toCharArray());
        assertArrayEquals(
                java.util.HexFormat.of().parseHex(info.publicKeyHex()),
                SigningKeys.resolve("operator", false, store, Optional::empty).publicKey());

        store.importSeed("alice", "//Alice", "pw".toCharArray(), true);
        store.keepUnlocked("alice", "pw".toCharArray());
        assertTrue(store.unlocked("alice", true).isPresent());
        assertTrue(store.unlocked("alice", false).isEmpty(), "a development key is not handed to a non-dev chain");

        assertTrue(store.lock("operator"));
        assertThrows(
                IllegalArgumentException.class, () -> SigningKeys.resolve("operator", false, store, Optional::empty));
    }

    @Test
    void aWellKnownNameWithoutSlashesSignsOnADevChainUnlessTheKeystoreHasThatName() {
        FileKeystore store = new FileKeystore(dir.resolve("keystore"), 10, 8, 1);
        byte[] bob = org.hypertensor.crypto.api.DevKeys.derive("//Bob").publicKey();
        assertArrayEquals(
                bob, SigningKeys.resolve("Bob", true, store, Optional::empty).publicKey());
        assertArrayEquals(
                bob, SigningKeys.resolve("Bob", true, null, Optional::empty).publicKey());
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.resolve("Bob", false, store, Optional::empty));

        KeyInfo own = store.generate("Bob", "secret".toCharArray());
        assertArrayEquals(
                java.util.HexFormat.of().parseHex(own.publicKeyHex()),
                SigningKeys.resolve("Bob", true, store, () -> Optional.of("secret".toCharArray()))
                        .publicKey());
    }
}
