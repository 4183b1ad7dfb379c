package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevKeysTest {

    @Test
    void wellKnownNamesWithoutSlashes() {
        assertEquals(java.util.Optional.of("//Charlie"), DevKeys.wellKnownUri("Charlie"));
        assertEquals(java.util.Optional.empty(), DevKeys.wellKnownUri("charlie"));
        assertEquals(java.util.Optional.empty(), DevKeys.wellKnownUri("Mallory"));
        assertEquals(java.util.Optional.empty(), DevKeys.wellKnownUri(null));
    }

    @Test
    void recognisesDevUris() {
        for (String uri : DevKeys.WELL_KNOWN) {
            assertTrue(DevKeys.isDevUri(uri), uri);
        }
        assertTrue(DevKeys.isDevUri("//Alice//stash"));
        assertTrue(DevKeys.isDevUri("//validator-3"));
        for (String not : new String[] {
            null,
            "",
            "//",
            "Alice",
            "/Alice",
            "//Alice/soft",
            "///Alice",
            "//Al ice",
            "0x" + "00".repeat(32),
            "//Alice//"
        }) {
            assertFalse(DevKeys.isDevUri(not), String.valueOf(not));
        }
        assertEquals(
                java.util.List.of("//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"), DevKeys.WELL_KNOWN);
    }

    @Test
    void derivationIsTheDocumentedOne() {
        byte[] seed = Hashes.blake2b256("hypertensor-dev-key://Alice".getBytes(StandardCharsets.UTF_8));
        assertEquals(Ed25519KeyPair.fromSeed(seed), DevKeys.derive("//Alice"));
        assertEquals(Hex.encode(seed), Hex.encode(DevKeys.derive("//Alice").seed()));
    }

    @Test
    void deterministicAndDistinct() {
        assertEquals(DevKeys.derive("//Bob"), DevKeys.derive("//Bob"));
        assertNotEquals(DevKeys.derive("//Alice"), DevKeys.derive("//alice"), "case-sensitive");
        Set<String> addresses = new HashSet<>();
        for (String uri : DevKeys.WELL_KNOWN) {
            addresses.add(DevKeys.derive(uri).address());
        }
        assertEquals(DevKeys.WELL_KNOWN.size(), addresses.size());
    }

    @Test
    void wellKnownKeysAreRecognised() {
        for (String uri : DevKeys.WELL_KNOWN) {
            assertTrue(DevKeys.isWellKnown(DevKeys.derive(uri).publicKey()), uri);
        }
        assertFalse(DevKeys.isWellKnown(DevKeys.derive("//Alice//stash").publicKey()));
        assertFalse(DevKeys.isWellKnown(null));
    }

    @Test
    void refusesNonDevUris() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DevKeys.derive("Alice"));
        assertTrue(e.getMessage().contains("not a development key URI"), e.getMessage());
    }
}
