package org.hypertensor.store.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.db.DerbyChainStore;
import org.hypertensor.store.internal.db.StoreOptions;

/**
 * Body pruning benchmark (not a test): commits blocks (each finalized) with every body kept, then reopens with
 * {@code blocks.keep = K} and times the background writer pruning them all (blocks/s), then commits more blocks with
 * pruning running alongside and compares the commit time. Disk size before and after (Derby reuses freed pages; it
 * does not shrink its files). Arguments: a new directory, blocks, transactions per block, body KiB, keep. Command
 * in docs/benchmarks.md.
 */
public final class PruneBench {
    private PruneBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/prune-bench");
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int txs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int bodyKib = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        long keep = args.length > 4 ? Long.parseLong(args[4]) : 16;
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists: give a new directory");
        }
        StoreOptions all = StoreOptions.DEFAULTS;
        System.out.printf(
                "%,d blocks of %,d transactions and a %d KiB body, each finalized; then blocks.keep = %d%n",
                blocks, txs, bodyKib, keep);
        Random r = new Random(42);
        long commitAll;
        long before;
        try (ChainStore store = new DerbyChainStoreFactory(all).open(dir)) {
            commitAll = commit(store, 0, blocks, txs, bodyKib, r);
            awaitIdle(store);
            before = store.stats().diskBytes();
        }
        System.out.printf("keep all: commit %.2f ms per block; disk %,d MiB%n", commitAll / 1e6 / blocks, before >> 20);
        try (ChainStore store = new DerbyChainStoreFactory(all.withBlocksKeep(keep)).open(dir)) {
            long t = System.nanoTime();
            awaitIdle(store);
            long ns = System.nanoTime() - t;
            long pruned = store.bodiesFrom();
            System.out.printf(
                    "pruned at open: %,d bodies in %,d ms (%,d blocks/s, %,d transaction index rows/s)%n",
                    pruned, ns / 1_000_000, pruned * 1_000_000_000L / ns, pruned * txs * 1_000_000_000L / ns);
            int more = Math.max(1, blocks / 5);
            long commitPruning = commit(store, blocks, more, txs, bodyKib, r);
            awaitIdle(store);
            System.out.printf(
                    "keep %d: commit %.2f ms per block over %,d more blocks (pruning one body per block alongside);"
                            + " bodies from #%,d%n",
                    keep, commitPruning / 1e6 / more, more, store.bodiesFrom());
            System.out.printf(
                    "disk %,d MiB after pruning and %,d more blocks (was %,d MiB: freed pages are reused, not"
                            + " returned)%n",
                    store.stats().diskBytes() >> 20, more, before >> 20);
        }
    }

    /** Commits and finalizes {@code count} blocks from {@code first}; returns the nanoseconds spent committing. */
    private static long commit(ChainStore store, long first, int count, int txs, int bodyKib, Random r)
            throws Exception {
        long spent = 0;
        for (long n = first; n < first + count; n++) {
            List<byte[]> hashes = new ArrayList<>(txs);
            for (int i = 0; i < txs; i++) {
                byte[] h = new byte[32];
                r.nextBytes(h);
                hashes.add(h);
            }
            byte[] body = new byte[bodyKib << 10];
            r.nextBytes(body);
            byte[] hash = new byte[32];
            r.nextBytes(hash);
            byte[] parent = store.head().map(BlockRecord::hash).orElse(new byte[32]);
            BlockRecord block = new BlockRecord(
                    n, hash, parent, ("header " + n).getBytes(StandardCharsets.UTF_8), body, hashes, new byte[txs * 8]);
            StateOverlay o = store.overlay();
            o.put(("acct/" + n % 1000).getBytes(StandardCharsets.UTF_8), hash);
            long t = System.nanoTime();
            store.commit(o, block);
            store.finalize(n);
            spent += System.nanoTime() - t;
        }
        return spent;
    }

    private static void awaitIdle(ChainStore store) throws InterruptedException {
        while (!((DerbyChainStore) store).backgroundIdle()) {
            Thread.sleep(5);
        }
    }
}
