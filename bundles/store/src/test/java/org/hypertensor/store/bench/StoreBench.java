package org.hypertensor.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.internal.DerbyChainStoreFactory;

/**
 * Store benchmark (not a test): state-root update cost per changed key, commit of blocks with 30,000 changed keys
 * and 10,000 transaction hashes, proof size, and open time, at N accounts (default 10^6). Command in
 * docs/benchmarks.md. Arguments: directory (must not exist), accounts, blocks.
 */
public final class StoreBench {
    private static final int CHANGED = 30_000;
    private static final int TXS = 10_000;

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/store-bench");
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists; give a new directory");
        }
        Random r = new Random(42);
        byte[][] keys = new byte[accounts][];
        for (int i = 0; i < accounts; i++) {
            keys[i] = new byte[37]; // "acct/" ‖ 32-byte account id, like a module prefix plus a public key
            System.arraycopy("acct/".getBytes(), 0, keys[i], 0, 5);
            byte[] id = new byte[32];
            r.nextBytes(id);
            System.arraycopy(id, 0, keys[i], 5, 32);
        }
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory();
        System.out.printf(
                "accounts %,d, value 48 bytes, key 37 bytes, %d blocks of %,d changed keys + %,d tx hashes%n",
                accounts, blocks, CHANGED, TXS);
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            long t = System.nanoTime();
            for (byte[] key : keys) {
                genesis.put(key, value(r));
            }
            long puts = System.nanoTime() - t;
            t = System.nanoTime();
            genesis.root();
            long hash = System.nanoTime() - t;
            t = System.nanoTime();
            store.commit(genesis, block(0, r));
            long commit = System.nanoTime() - t;
            System.out.printf(
                    "genesis: %,d puts %d ms, full root %d ms, commit (all rows inserted) %d ms%n",
                    accounts, puts / 1_000_000, hash / 1_000_000, commit / 1_000_000);
            System.out.printf("heap used after genesis: %d MiB%n", usedMiB());

            for (int n = 1; n <= blocks; n++) {
                awaitIdle(store);
                StateOverlay overlay = store.overlay();
                long cpu0 = cpu();
                t = System.nanoTime();
                for (int i = 0; i < CHANGED; i++) {
                    overlay.put(keys[r.nextInt(accounts)], value(r));
                }
                long put = System.nanoTime() - t;
                t = System.nanoTime();
                overlay.root();
                long root = System.nanoTime() - t;
                long cpuRoot = cpu() - cpu0;
                int changed = overlay.changedKeys();
                BlockRecord block = block(n, r);
                cpu0 = cpu();
                t = System.nanoTime();
                store.commit(overlay, block);
                long c = System.nanoTime() - t;
                long cpuCommit = cpu() - cpu0;
                System.out.printf(
                        "block %d: %,d changed keys: puts %d ms + root %d ms = %.1f us/key (process CPU %.1f"
                                + " us/key); commit %d ms (process CPU %d ms)%n",
                        n,
                        changed,
                        put / 1_000_000,
                        root / 1_000_000,
                        (put + root) / 1000.0 / changed,
                        cpuRoot / 1000.0 / changed,
                        c / 1_000_000,
                        cpuCommit / 1_000_000);
            }

            int[] sizes = new int[1000];
            int[] depths = new int[1000];
            byte[] root = store.state().root();
            for (int i = 0; i < sizes.length; i++) {
                byte[] key = i % 2 == 0 ? keys[r.nextInt(accounts)] : keys[r.nextInt(accounts)].clone();
                if (i % 2 == 1) {
                    key[36] ^= 1; // (almost surely) absent: an exclusion proof
                }
                StateProof proof = store.state().prove(key);
                if (!proof.verify(root)) {
                    throw new AssertionError("proof does not verify");
                }
                sizes[i] = proof.size();
                depths[i] = proof.depth();
            }
            System.out.printf(
                    "proofs (1,000, half inclusion, half exclusion): size avg %d bytes, max %d; depth avg %.1f,"
                            + " max %d%n",
                    (int) Arrays.stream(sizes).average().orElse(0),
                    Arrays.stream(sizes).max().orElse(0),
                    Arrays.stream(depths).average().orElse(0),
                    Arrays.stream(depths).max().orElse(0));
        }
        long t = System.nanoTime();
        try (ChainStore store = factory.open(dir)) {
            System.out.printf(
                    "reopen (rebuild tries from %,d rows and check the root): %d ms, heap used %d MiB%n",
                    store.state().size(), (System.nanoTime() - t) / 1_000_000, usedMiB());
        }
    }

    /** CPU time of the whole process (all threads, GC and JIT included). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Lets the previous block's background work (tx index, snapshot) finish, so it does not compete. */
    private static void awaitIdle(ChainStore store) throws InterruptedException {
        var derby = (org.hypertensor.store.internal.db.DerbyChainStore) store;
        while (!derby.backgroundIdle()) {
            Thread.sleep(20);
        }
    }

    private static byte[] value(Random r) {
        byte[] v = new byte[48];
        r.nextBytes(v);
        return v;
    }

    private static BlockRecord block(long n, Random r) {
        List<byte[]> txs = new ArrayList<>(TXS);
        for (int i = 0; i < TXS; i++) {
            byte[] tx = new byte[32];
            r.nextBytes(tx);
            txs.add(tx);
        }
        byte[] body = new byte[TXS * 150];
        r.nextBytes(body);
        byte[] hash = new byte[32];
        r.nextBytes(hash);
        return new BlockRecord(n, hash, new byte[32], new byte[200], body, txs, new byte[TXS * 8]);
    }

    private static long usedMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
