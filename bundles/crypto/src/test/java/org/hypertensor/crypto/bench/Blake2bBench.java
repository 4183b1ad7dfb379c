package org.hypertensor.crypto.bench;

import java.util.Random;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.hypertensor.crypto.internal.hash.Blake2b;

/**
 * BLAKE2b-256 per hash, the chain's own implementation against Bouncy Castle's, at the state's input sizes: a key
 * (≈ 40 B), a leaf (65 B), a branch (66 B) and a bucket-sized value (1,200 B). Run:
 * {@code java -cp target/classes:target/test-classes:$(cat target/bench.classpath) org.hypertensor.crypto.bench.Blake2bBench}
 */
public final class Blake2bBench {
    private static final int[] SIZES = {40, 65, 66, 1200};
    private static volatile byte sink;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[][] inputs = new byte[SIZES.length][];
        Random random = new Random(1);
        for (int i = 0; i < SIZES.length; i++) {
            inputs[i] = new byte[SIZES[i]];
            random.nextBytes(inputs[i]);
        }
        Blake2bDigest bc = new Blake2bDigest(256);
        Blake2b own = new Blake2b(32);
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (byte[] input : inputs) {
                int n = input.length > 100 ? 200_000 : 2_000_000;
                long bcNs = time(n, () -> {
                    bc.reset();
                    bc.update(input, 0, input.length);
                    byte[] out = new byte[32];
                    bc.doFinal(out, 0);
                    return out;
                });
                long ownNs = time(n, () -> {
                    own.reset();
                    own.update(input, 0, input.length);
                    return own.digest();
                });
                line.append(String.format(
                        "  %d B: bc %.0f ns, own %.0f ns", input.length, bcNs / (double) n, ownNs / (double) n));
            }
            System.out.println(line);
        }
    }

    private static long time(int n, Supplier<byte[]> hash) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink ^= hash.get()[0];
        }
        return System.nanoTime() - start;
    }
}
