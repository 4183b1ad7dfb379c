package org.hypertensor.store.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StoreStats;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.db.DerbyChainStore;
import org.hypertensor.store.internal.db.StoreOptions;
import org.hypertensor.store.internal.paged.BucketRoots;
import org.hypertensor.store.internal.paged.StateLayout;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * Store benchmark (not a test), paged state: loads N accounts in blocks of 250,000 new keys, then commits blocks of
 * 30,000 changed keys and 10,000 transaction hashes (state-root cost per changed key, block commit time), proof
 * size, disk size, then reopens (open time, heap after open and after a block). Keys are derived from their index,
 * so the benchmark itself holds no state. Command in docs/benchmarks.md. Arguments: directory, accounts, blocks,
 * cache MiB, and optionally {@code archive} (archive mode: history rows in every commit; then also the read of an old
 * state, beyond the undo journal, from the history). An existing directory (an earlier run's) is resumed: only the accounts it lacks are loaded, so 10^7
 * and then 2 x 10^7 grow one database, and a run with the accounts it has measures it again without loading. With
 * {@code import} (and a new directory) the accounts are loaded instead the way state sync writes a state: computed
 * bucket by bucket in key-hash order, the root first, then one {@code importState} (batched rows) as block 0; the
 * measured part is the same. With {@code blob} or {@code inline} a new database gets that state layout instead of the
 * default ({@code bucket}). {@code -Dbench.rowsBehind=N} sets {@code state.rows.behind} (default 2).
 */
public final class StoreBench {
    private static final int CHANGED = 30_000;
    private static final int TXS = 10_000;
    private static final int LOAD_BLOCK = 250_000;
    private static final int BUCKET_BITS = 20;

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/store-bench");
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long cacheMb = args.length > 3 ? Long.parseLong(args[3]) : 256;
        List<String> flags = Arrays.asList(args).subList(Math.min(args.length, 4), args.length);
        boolean archive = flags.contains("archive");
        boolean resumed = Files.exists(dir);
        StoreOptions options = new StoreOptions(
                        cacheMb << 20, BUCKET_BITS, 200_000, archive ? StoreOptions.ARCHIVE : 16, archive ? 4 : 64)
                .withLayout(
                        flags.contains("blob")
                                ? StateLayout.BLOB
                                : flags.contains("inline") ? StateLayout.INLINE : StateLayout.BUCKET)
                .withRowsBehind(Integer.getInteger("bench.rowsBehind", StoreOptions.ROWS_BEHIND));
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory(options);
        Random r = new Random(42);
        System.out.printf(
                "accounts %,d (key 37 bytes, value 48), cache %d MiB, %s, max heap %d MiB; %d blocks of %,d changed"
                        + " keys + %,d tx hashes%n",
                accounts,
                cacheMb,
                archive ? "archive mode (journal of 4 states)" : "pruned",
                Runtime.getRuntime().maxMemory() >> 20,
                blocks,
                CHANGED,
                TXS);
        if (!resumed && flags.contains("import")) {
            importLoad(factory, dir, accounts, r);
        }
        long number;
        try (ChainStore store = factory.open(dir)) {
            number = store.head().map(b -> b.number() + 1).orElse(0L);
            int have = (int) store.state().size();
            if (resumed) {
                System.out.printf("resumed %s: %,d accounts, next block %d%n", dir, have, number);
                r = new Random(42 + number); // not the first run's sequence: its block hashes are stored
            }
            long t = System.nanoTime();
            for (int from = have; from < accounts; from += LOAD_BLOCK) {
                StateOverlay o = store.overlay();
                for (int i = from; i < Math.min(accounts, from + LOAD_BLOCK); i++) {
                    o.put(key(i), value(r));
                }
                store.commit(o, block(number++, r, 0));
                if ((from - have) / LOAD_BLOCK % 8 == 7) {
                    System.out.printf(
                            "  loaded %,d accounts, %d s%n",
                            Math.min(accounts, from + LOAD_BLOCK), (System.nanoTime() - t) / 1_000_000_000);
                }
            }
            long load = System.nanoTime() - t;
            if (accounts > have) {
                System.out.printf(
                        "load: %,d accounts, %d s (%.1f us/key)%n",
                        accounts - have, load / 1_000_000_000, load / 1000.0 / (accounts - have));
            }
            long beforeChanges = number - 1;
            for (int n = 0; n < blocks; n++) {
                number = changeBlock(store, number, accounts, r);
            }
            proofs(store, accounts, r);
            if (archive) {
                oldState(store, beforeChanges, accounts, r);
            }
            awaitIdle(store);
            print(store.stats());
        }
        long t = System.nanoTime();
        try (ChainStore store = factory.open(dir)) {
            long open = System.nanoTime() - t;
            System.out.printf(
                    "reopen: %d ms (%,d keys), heap used %d MiB%n",
                    open / 1_000_000, store.state().size(), usedMiB());
            changeBlock(store, number, accounts, r);
            System.out.printf("heap used after a block on the reopened store: %d MiB%n", usedMiB());
            print(store.stats());
        }
    }

    /** Writes the accounts as an imported state at block 0 (see the class comment). */
    private static void importLoad(DerbyChainStoreFactory factory, Path dir, int accounts, Random r) throws Exception {
        long t = System.nanoTime();
        BucketRoots roots = new BucketRoots(BUCKET_BITS);
        int buckets = 1 << BUCKET_BITS;
        int[] start = new int[buckets + 1];
        int[] bucketOf = new int[accounts];
        for (int i = 0; i < accounts; i++) {
            bucketOf[i] = roots.bucketOf(Blake2b.hash(key(i)));
            start[bucketOf[i] + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        int[] order = new int[accounts];
        int[] next = Arrays.copyOf(start, buckets);
        for (int i = 0; i < accounts; i++) {
            order[next[bucketOf[i]]++] = i;
        }
        for (int b = 0; b < buckets; b++) {
            Entries e = bucket(order, start[b], start[b + 1]);
            roots.bucket(b, e.keyHashes, e.keys, e.values);
        }
        byte[] root = roots.root();
        System.out.printf("import: root of %,d accounts computed in %d s%n", accounts, seconds(t));
        try (ChainStore store = factory.open(dir);
                StateImport in = store.importState(block(0, r, 0), root)) {
            for (int b = 0; b < buckets; b++) {
                Entries e = bucket(order, start[b], start[b + 1]);
                for (int i = 0; i < e.keys.length; i++) {
                    in.put(e.keys[i], e.values[i]);
                }
                if (b % (buckets / 8) == buckets / 8 - 1) {
                    System.out.printf("  imported %,d accounts, %d s%n", start[b + 1], seconds(t));
                }
            }
            in.commit();
        }
        System.out.printf(
                "import: %,d accounts in %d s (%.1f us/key)%n",
                accounts, seconds(t), (System.nanoTime() - t) / 1000.0 / accounts);
    }

    private record Entries(byte[][] keyHashes, byte[][] keys, byte[][] values) {}

    /** Accounts {@code order[from..to)} (one bucket) sorted by key hash; values derived from the index. */
    private static Entries bucket(int[] order, int from, int to) {
        Integer[] idx = new Integer[to - from];
        byte[][] hashes = new byte[to - from][];
        for (int i = from; i < to; i++) {
            idx[i - from] = i - from;
            hashes[i - from] = Blake2b.hash(key(order[i]));
        }
        Arrays.sort(idx, (a, b) -> Arrays.compareUnsigned(hashes[a], hashes[b]));
        Entries e = new Entries(new byte[idx.length][], new byte[idx.length][], new byte[idx.length][]);
        for (int j = 0; j < idx.length; j++) {
            int account = order[from + idx[j]];
            e.keyHashes[j] = hashes[idx[j]];
            e.keys[j] = key(account);
            e.values[j] = initialValue(account);
        }
        return e;
    }

    private static byte[] initialValue(int account) {
        byte[] v = new byte[48];
        new SplittableRandom(account * 0xBF58476D1CE4E5B9L + 1).nextBytes(v);
        return v;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }

    private static long changeBlock(ChainStore store, long number, int accounts, Random r) throws Exception {
        awaitIdle(store);
        StateOverlay overlay = store.overlay();
        long t = System.nanoTime();
        for (int i = 0; i < CHANGED; i++) {
            overlay.put(key(r.nextInt(accounts)), value(r));
        }
        long put = System.nanoTime() - t;
        t = System.nanoTime();
        overlay.root();
        long root = System.nanoTime() - t;
        int changed = overlay.changedKeys();
        t = System.nanoTime();
        store.commit(overlay, block(number, r, TXS));
        long commit = System.nanoTime() - t;
        System.out.printf(
                "block %d: %,d changed keys: puts %d ms + root %d ms = %.1f us/key; commit %d ms%n",
                number,
                changed,
                put / 1_000_000,
                root / 1_000_000,
                (put + root) / 1000.0 / changed,
                commit / 1_000_000);
        return number + 1;
    }

    private static void proofs(ChainStore store, int accounts, Random r) {
        int[] sizes = new int[1000];
        int[] depths = new int[1000];
        byte[] root = store.state().root();
        for (int i = 0; i < sizes.length; i++) {
            byte[] key = key(r.nextInt(accounts));
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
                "proofs (1,000, half inclusion, half exclusion): size avg %d bytes, max %d; depth avg %.1f, max %d%n",
                (int) Arrays.stream(sizes).average().orElse(0),
                Arrays.stream(sizes).max().orElse(0),
                Arrays.stream(depths).average().orElse(0),
                Arrays.stream(depths).max().orElse(0));
    }

    /** Archive mode: the state before the change blocks (older than the journal): rebuild, gets, proofs. */
    private static void oldState(ChainStore store, long number, int accounts, Random r) {
        long t = System.nanoTime();
        var old = store.stateAt(number).orElseThrow(() -> new AssertionError("archive keeps #" + number));
        long open = System.nanoTime() - t;
        byte[] root = old.root();
        t = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            if (old.get(key(r.nextInt(accounts))) == null) {
                throw new AssertionError("an account is missing in the old state");
            }
        }
        long gets = System.nanoTime() - t;
        t = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            if (!old.prove(key(r.nextInt(accounts))).verify(root)) {
                throw new AssertionError("old proof does not verify");
            }
        }
        long proofs = System.nanoTime() - t;
        System.out.printf(
                "old state #%d (from history): stateAt %d ms (tree rebuilt), get %.0f us/key (1,000), proof %.0f us"
                        + " (100)%n",
                number, open / 1_000_000, gets / 1000.0 / 1000, proofs / 1000.0 / 100);
    }

    private static void print(StoreStats s) {
        if (s.archive()) {
            System.out.printf("history: %,d rows, %,d MiB%n", s.historyRows(), s.historyBytes() >> 20);
        }
        System.out.printf(
                "store: %,d keys, %,d MiB on disk, cache %d of %d MiB, %d hits / %d misses, %d evicted%n",
                s.keys(),
                s.diskBytes() >> 20,
                s.cacheBytes() >> 20,
                s.cacheLimitBytes() >> 20,
                s.cacheHits(),
                s.cacheMisses(),
                s.cacheEvictions());
    }

    /** Account key {@code i}: "acct/" ‖ 32 bytes derived from i (a module prefix plus a public key). */
    private static byte[] key(int i) {
        byte[] key = new byte[37];
        System.arraycopy("acct/".getBytes(StandardCharsets.UTF_8), 0, key, 0, 5);
        SplittableRandom s = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        for (int j = 0; j < 4; j++) {
            long v = s.nextLong();
            for (int b = 0; b < 8; b++) {
                key[5 + 8 * j + b] = (byte) (v >>> (8 * b));
            }
        }
        return key;
    }

    /** Lets the previous block's background work (tx index, bucket hashes) finish, so it does not compete. */
    private static void awaitIdle(ChainStore store) throws InterruptedException {
        var derby = (DerbyChainStore) store;
        while (!derby.backgroundIdle()) {
            Thread.sleep(20);
        }
    }

    private static byte[] value(Random r) {
        byte[] v = new byte[48];
        r.nextBytes(v);
        return v;
    }

    private static BlockRecord block(long n, Random r, int txCount) {
        List<byte[]> txs = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            byte[] tx = new byte[32];
            r.nextBytes(tx);
            txs.add(tx);
        }
        byte[] body = new byte[txCount * 150];
        r.nextBytes(body);
        byte[] hash = new byte[32];
        r.nextBytes(hash);
        return new BlockRecord(n, hash, new byte[32], new byte[200], body, txs, new byte[txCount * 8]);
    }

    private static long usedMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
