package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Ss58Test {

    private static final byte[] ALICE_SR25519 =
            Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    private static final byte[] BOB_SR25519 =
            Hex.decode("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");

    @Test
    void substrateVectors() {
        assertEquals("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", Ss58.encode(ALICE_SR25519));
        assertEquals("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", Ss58.encode(42, ALICE_SR25519));
        assertEquals("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", Ss58.encode(BOB_SR25519));
        assertEquals("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", Ss58.encode(0, ALICE_SR25519));
        assertArrayEquals(ALICE_SR25519, Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"));
        assertEquals(0, Ss58.prefixOf("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"));
    }

    @Test
    void roundTripsForOneAndTwoBytePrefixes() {
        SecureRandom random = new SecureRandom();
        for (int prefix : new int[] {0, 1, 42, 63, 64, 255, 256, 1000, 16383}) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            String address = Ss58.encode(prefix, key);
            assertEquals(prefix, Ss58.prefixOf(address), address);
            assertArrayEquals(key, Ss58.decode(prefix, address));
        }
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        String good = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        assertMessage(
                "not base58: character '0'", () -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut0Y"));
        assertMessage("not base58: character 'l'", () -> Ss58.decode("l" + good.substring(1)));
        assertMessage("checksum mismatch", () -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"));
        assertMessage("bytes, expected 35", () -> Ss58.decode(good.substring(0, good.length() - 3)));
        assertMessage("bytes, expected 35", () -> Ss58.decode(good + "1"));
        assertMessage(
                "has network prefix 0, expected 42",
                () -> Ss58.decode("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"));
        assertMessage("empty", () -> Ss58.decode(""));
        assertMessage("32 bytes", () -> Ss58.encode(new byte[33]));
        assertMessage("outside 0..16383", () -> Ss58.encode(16384, new byte[32]));
        assertMessage("outside 0..16383", () -> Ss58.encode(-1, new byte[32]));
        assertTrue(Ss58.isValid(good));
        assertFalse(Ss58.isValid("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"));
        assertFalse(Ss58.isValid(null));
    }

    @Test
    void everySingleCharacterTypoIsCaught() {
        String good = Ss58.encode(ALICE_SR25519);
        int caught = 0;
        int tried = 0;
        for (int i = 0; i < good.length(); i++) {
            char replacement = good.charAt(i) == 'x' ? 'y' : 'x';
            String typo = good.substring(0, i) + replacement + good.substring(i + 1);
            tried++;
            if (!Ss58.isValid(typo)) {
                caught++;
            }
        }
        // a 16-bit checksum misses about 1 in 65536 typos: all of these 48 must be caught
        assertEquals(tried, caught);
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
