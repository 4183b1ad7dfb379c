package org.hypertensor.console.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeKeysTest {

    @Test
    void theClientKeyIsCreatedOnceOwnerOnlyAndAuthorized(@TempDir Path home) throws Exception {
        Path key = home.resolve("etc/client.key");
        Path authorized = home.resolve("etc/authorized_keys");
        Files.createDirectories(authorized.getParent());
        Files.writeString(authorized, "# operators\n", StandardCharsets.UTF_8);

        assertTrue(HomeKeys.ensureClientKey(key, authorized, "test@home"));
        assertFalse(HomeKeys.ensureClientKey(key, authorized, "test@home"), "an existing key is kept");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        KeyPair pair = new FileKeyPairProvider(key).loadKeys(null).iterator().next();
        List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(authorized);
        assertEquals(1, entries.size(), "appended once, the operator's lines kept");
        assertEquals(pair.getPublic(), entries.get(0).resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        assertTrue(Files.readString(authorized, StandardCharsets.UTF_8).startsWith("# operators\n"));
    }

    @Test
    void theHostKeyIsGeneratedOnceAndKeepsItsFingerprint(@TempDir Path home) throws Exception {
        Path file = home.resolve("data/ssh/host.key");
        String first = HomeKeys.fingerprint(
                HomeKeys.hostKey(file).loadKeys(null).get(0).getPublic());
        String again = HomeKeys.fingerprint(
                HomeKeys.hostKey(file).loadKeys(null).get(0).getPublic());
        assertEquals(first, again);
        assertTrue(first.startsWith("SHA256:"), first);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
