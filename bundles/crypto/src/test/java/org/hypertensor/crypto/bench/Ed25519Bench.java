package org.hypertensor.crypto.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;

/**
 * Ed25519 verifications per second on 1 and 2 threads (and signatures, BLAKE2b-256 for reference).
 * A harness, not a test: run it by hand (see docs/benchmarks.md). Arguments: seconds per measurement
 * (default 5), thread counts (default 1 2).
 */
public final class Ed25519Bench {

    private static final int SAMPLES = 1024;
    private static final int MESSAGE_BYTES = 128; // about a signed transaction's size

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Integer> threads = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            threads.add(Integer.parseInt(args[i]));
        }
        if (threads.isEmpty()) {
            threads = List.of(1, 2);
        }
        SecureRandom random = new SecureRandom();
        byte[][] keys = new byte[SAMPLES][];
        byte[][] messages = new byte[SAMPLES][];
        byte[][] signatures = new byte[SAMPLES][];
        Ed25519KeyPair[] pairs = new Ed25519KeyPair[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            pairs[i] = Ed25519KeyPair.generate(random);
            keys[i] = pairs[i].publicKey();
            messages[i] = new byte[MESSAGE_BYTES];
            random.nextBytes(messages[i]);
            signatures[i] = pairs[i].sign(messages[i]);
        }
        System.out.printf(
                "JVM %s, %d available processors, %d s per measurement, %d-byte messages%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds, MESSAGE_BYTES);

        Work verify = i -> {
            if (!Ed25519.verify(keys[i], messages[i], signatures[i])) {
                throw new AssertionError("valid signature rejected");
            }
        };
        Work sign = i -> pairs[i].sign(messages[i]);
        Work blake = i -> Hashes.blake2b256(messages[i]);

        measure("warm-up (discarded)", verify, 1, Math.max(2, seconds / 2));
        measure("warm-up (discarded)", sign, 1, 1);
        measure("warm-up (discarded)", blake, 1, 1);
        for (int t : threads) {
            measure("Ed25519 verify", verify, t, seconds);
        }
        measure("Ed25519 sign", sign, 1, seconds);
        measure("BLAKE2b-256 of 128 B", blake, 1, seconds);
    }

    @FunctionalInterface
    private interface Work {
        void run(int sample);
    }

    private static void measure(String what, Work work, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 97;
            tasks.add(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 64; k++) {
                        work.run((int) ((n + offset) % SAMPLES));
                        n++;
                    }
                }
                return n;
            });
        }
        long start = System.nanoTime();
        long total = 0;
        for (Future<Long> f : pool.invokeAll(tasks)) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf(
                "%-22s %d thread(s): %,10.0f ops/s (%,.0f per thread)%n",
                what, threads, total / elapsed, total / elapsed / threads);
    }
}
