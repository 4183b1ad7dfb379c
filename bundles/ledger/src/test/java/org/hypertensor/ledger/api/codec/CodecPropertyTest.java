package org.hypertensor.ledger.api.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.junit.jupiter.api.Test;

/** Round trips and strict decoding of random and mutated bytes. */
class CodecPropertyTest {

    private final Random random = new Random(42);

    @Test
    void valuesRoundTrip() {
        for (int i = 0; i < 2000; i++) {
            long a = random.nextLong();
            long b = random.nextInt() & 0xFFFF_FFFFL;
            BigInteger c = new BigInteger(128, random);
            byte[] d = new byte[random.nextInt(100)];
            random.nextBytes(d);
            String text = "τ-" + random.nextInt();
            List<Long> list = new ArrayList<>();
            for (int k = random.nextInt(5); k > 0; k--) {
                list.add(random.nextLong());
            }
            byte[] encoded = new Encoder()
                    .u64(a)
                    .u32(b)
                    .u128(c)
                    .bytes(d)
                    .text(text)
                    .bool(i % 2 == 0)
                    .list(list, Encoder::u64)
                    .option(i % 3 == 0 ? null : c, Encoder::u128)
                    .toByteArray();
            Decoder in = new Decoder(encoded);
            assertEquals(a, in.u64());
            assertEquals(b, in.u32());
            assertEquals(c, in.u128());
            assertArrayEquals(d, in.bytes(100));
            assertEquals(text, in.text(100));
            assertEquals(i % 2 == 0, in.bool());
            assertEquals(list, in.list(10, Decoder::u64));
            assertEquals(i % 3 == 0 ? null : c, in.option(Decoder::u128));
            in.finish();
        }
    }

    @Test
    void strictnessRules() {
        assertThrows(DecodeException.class, () -> new Decoder(new byte[] {2}).bool());
        assertThrows(DecodeException.class, () -> new Decoder(new byte[] {5}).option(Decoder::u8));
        assertThrows(DecodeException.class, () -> new Decoder(new byte[] {1, 2}).u32());
        byte[] overLong = new Encoder().u32(1000).fixed(new byte[3]).toByteArray();
        assertThrows(DecodeException.class, () -> new Decoder(overLong).bytes(2000));
        assertThrows(DecodeException.class, () -> new Decoder(overLong).bytes(10));
        Decoder trailing = new Decoder(new byte[] {1, 0});
        trailing.u8();
        assertThrows(DecodeException.class, trailing::finish);
        assertThrows(
                DecodeException.class,
                () -> new Decoder(new Encoder().bytes(new byte[] {(byte) 0xC3}).toByteArray()).text(10));
        assertThrows(IllegalArgumentException.class, () -> new Encoder().u128(BigInteger.ONE.shiftLeft(128)));
        assertThrows(IllegalArgumentException.class, () -> new Encoder().u128(BigInteger.valueOf(-1)));
    }

    @Test
    void transactionsRoundTripAndRejectEveryMutationOrVerifyFails() {
        Ed25519KeyPair alice = DevKeys.derive("//Alice");
        byte[] genesis = new byte[32];
        Arrays.fill(genesis, (byte) 7);
        for (int i = 0; i < 200; i++) {
            byte[] args = new byte[random.nextInt(64)];
            random.nextBytes(args);
            SignedTransaction tx = SignedTransaction.sign(
                    alice,
                    genesis,
                    random.nextLong() >>> 1,
                    new BigInteger(64, random),
                    new Call("balances", "transfer", args));
            byte[] bytes = tx.encoded();
            SignedTransaction back = SignedTransaction.decode(bytes);
            assertEquals(tx, back);
            assertEquals(true, back.verify(genesis));
            // Flip one bit anywhere: either the bytes no longer decode, or the signature fails.
            byte[] mutated = bytes.clone();
            int at = random.nextInt(mutated.length);
            mutated[at] ^= (byte) (1 << random.nextInt(8));
            try {
                assertEquals(
                        false, SignedTransaction.decode(mutated).verify(genesis), "mutation at " + at + " verified");
            } catch (DecodeException expected) {
                // strict decoding caught it
            }
        }
    }

    @Test
    void randomBytesNeverDecodeSilentlyWrong() {
        int decoded = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            try {
                SignedTransaction tx = SignedTransaction.decode(junk);
                // If it decodes, re-encoding must give the same bytes (one encoding per value).
                assertArrayEquals(junk, tx.encoded());
                decoded++;
            } catch (DecodeException expected) {
                // the common case
            }
        }
        assertEquals(0, decoded, "random bytes should essentially never form a transaction");
    }
}
