package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void blake2b512MatchesRfc7693AppendixA() {
        assertEquals(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
                Hex.encode(Hashes.blake2b512(ABC)));
    }

    @Test
    void blake2bOfTheEmptyInput() {
        assertEquals(
                "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                        + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce",
                Hex.encode(Hashes.blake2b512()));
        assertEquals(
                "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
                Hex.encode(Hashes.blake2b256(new byte[0])));
    }

    @Test
    void blake2b256OfAbc() {
        assertEquals(
                "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", Hex.encode(Hashes.blake2b256(ABC)));
    }

    @Test
    void sha256OfAbc() {
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.encode(Hashes.sha256(ABC)));
    }

    @Test
    void partsAreConcatenated() {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        byte[] joined = {1, 2, 3, 4, 5};
        assertArrayEquals(Hashes.blake2b256(joined), Hashes.blake2b256(a, b));
        assertArrayEquals(Hashes.blake2b512(joined), Hashes.blake2b512(a, new byte[0], b));
        assertArrayEquals(Hashes.sha256(joined), Hashes.sha256(a, b));
        assertEquals(32, Hashes.blake2b256(a).length);
        assertEquals(64, Hashes.blake2b512(a).length);
    }

    @Test
    void aHashThatFailedHalfWayLeavesNothingBehind() {
        byte[] expected = Hashes.blake2b256(ABC);
        assertThrows(NullPointerException.class, () -> Hashes.blake2b256(new byte[] {9, 9}, null));
        assertArrayEquals(expected, Hashes.blake2b256(ABC));
    }

    @Test
    void threadsHashIndependently() throws InterruptedException {
        byte[] expected = Hashes.blake2b256(ABC, ABC);
        boolean[] agreed = new boolean[4];
        Thread[] threads = new Thread[agreed.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                boolean all = true;
                for (int i = 0; i < 20_000; i++) {
                    all &= java.util.Arrays.equals(expected, Hashes.blake2b256(ABC, ABC));
                }
                agreed[index] = all;
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertArrayEquals(new boolean[] {true, true, true, true}, agreed);
    }
}
