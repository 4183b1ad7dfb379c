package org.hypertensor.crypto.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

/** The chain's BLAKE2b against Bouncy Castle's, an independent implementation of RFC 7693. */
class Blake2bTest {

    @Test
    void everyLengthAroundTheBlockEdgesEqualsBouncyCastle() {
        Random random = new Random(7);
        Blake2b own = new Blake2b(32);
        for (int length = 0; length <= 520; length++) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            own.reset();
            own.update(input, 0, length);
            assertArrayEquals(reference(32, input), own.digest(), "length " + length);
        }
    }

    @Test
    void inputInPiecesEqualsTheWholeForEveryOutputLength() {
        Random random = new Random(11);
        for (int outLength = 1; outLength <= 64; outLength++) {
            Blake2b own = new Blake2b(outLength);
            for (int trial = 0; trial < 20; trial++) {
                byte[] input = new byte[random.nextInt(1_000)];
                random.nextBytes(input);
                own.reset();
                int offset = 0;
                while (offset < input.length) {
                    int piece = Math.min(input.length - offset, random.nextInt(300));
                    own.update(input, offset, piece);
                    offset += piece;
                }
                assertArrayEquals(reference(outLength, input), own.digest(), outLength + " bytes out");
            }
        }
    }

    @Test
    void anInstanceIsReusableAfterReset() {
        Blake2b own = new Blake2b(64);
        byte[] input = new byte[300];
        new Random(3).nextBytes(input);
        own.update(input, 0, 200);
        own.digest();
        own.reset();
        own.update(input, 0, input.length);
        assertArrayEquals(reference(64, input), own.digest());
    }

    @Test
    void outputLengthsOutsideOneTo64AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(0));
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(65));
    }

    private static byte[] reference(int outLength, byte[] input) {
        Blake2bDigest digest = new Blake2bDigest(outLength * 8);
        digest.update(input, 0, input.length);
        byte[] out = new byte[outLength];
        digest.doFinal(out, 0);
        return out;
    }
}
