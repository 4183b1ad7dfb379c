package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {

    @Test
    void knownVectors() {
        assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("11233QC4", Base58.encode(Hex.decode("0000287fb4cd")));
        assertEquals("", Base58.encode(new byte[0]));
        assertEquals("111", Base58.encode(new byte[3]));
        assertArrayEquals(Hex.decode("0000287fb4cd"), Base58.decode("11233QC4"));
        assertArrayEquals(new byte[0], Base58.decode(""));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(42); // reproducible
        for (int length = 0; length < 80; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            if (length > 3) {
                bytes[0] = 0; // leading zeros too
            }
            assertArrayEquals(bytes, Base58.decode(Base58.encode(bytes)), "length " + length);
        }
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", "é", " "}) {
            assertThrows(IllegalArgumentException.class, () -> Base58.decode("abc" + bad));
        }
    }
}
