package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.state.NaiveMerkle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged store against a {@code TreeMap} model, with a cache of about two buckets (reads go to Derby most of
 * the time, evictions all the time), 16 buckets (many keys each), bucket hashes stored every few blocks and
 * few states kept: random put/delete/checkpoint/revert/release on overlays, commits, finality and reopens. After
 * every step the overlay agrees with the model; after every block the store's state, root (recomputed from the
 * definition, no trie code), proofs, leaves and every kept older state agree with the model's history. In archive
 * mode (a journal of 3 states, so most older states come from the history rows) every older state is readable: two
 * random ones are checked after each block, all of them after each reopen and at the end.
 */
class PagedStatePropertyTest {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x20, 0x7f, (byte) 0x80, (byte) 0xff};
    private static final StoreOptions OPTIONS = new StoreOptions(3000, 4, 7, 3, 6);
    private static final StoreOptions ARCHIVE = new StoreOptions(3000, 4, 7, StoreOptions.ARCHIVE, 3);

    @TempDir
    Path dir;

    private static byte[] key(Random r) {
        byte[] key = new byte[r.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return key;
    }

    private static byte[] value(Random r) {
        byte[] v = new byte[r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(60)];
        r.nextBytes(v);
        return v;
    }

    private static TreeMap<byte[], byte[]> model() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    private static byte[] naiveRoot(Map<byte[], byte[]> state) {
        return NaiveMerkle.root(state, k -> (byte[]) k);
    }

    @Test
    void pagedStoreAgreesWithAModel() throws Exception {
        for (int seed = 0; seed < 5; seed++) {
            run(seed, dir.resolve("s" + seed), OPTIONS);
        }
    }

    @Test
    void archiveKeepsEveryStateAgreeingWithTheModel() throws Exception {
        for (int seed = 100; seed < 103; seed++) {
            run(seed, dir.resolve("a" + seed), ARCHIVE);
        }
    }

    private void run(int seed, Path where, StoreOptions options) throws Exception {
        Random r = new Random(seed);
        boolean archive = options.archive();
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory(options);
        List<TreeMap<byte[], byte[]>> history = new ArrayList<>();
        TreeMap<byte[], byte[]> committed = model();
        ChainStore store = factory.open(where);
        try {
            for (int n = 0; n < 24; n++) {
                StateOverlay overlay = store.overlay();
                TreeMap<byte[], byte[]> working = model();
                working.putAll(committed);
                List<TreeMap<byte[], byte[]>> checkpoints = new ArrayList<>();
                for (int step = 0; step < 30; step++) {
                    int op = r.nextInt(10);
                    byte[] k = key(r);
                    if (op < 5) {
                        byte[] v = value(r);
                        overlay.put(k, v);
                        working.put(k, v);
                    } else if (op < 7) {
                        overlay.delete(k);
                        working.remove(k);
                    } else if (op == 7) {
                        assertEquals(checkpoints.size(), overlay.checkpoint());
                        TreeMap<byte[], byte[]> saved = model();
                        saved.putAll(working);
                        checkpoints.add(saved);
                    } else if (op == 8 && !checkpoints.isEmpty()) {
                        int c = r.nextInt(checkpoints.size());
                        overlay.revertTo(c);
                        working = model();
                        working.putAll(checkpoints.get(c));
                        checkpoints.subList(c + 1, checkpoints.size()).clear();
                    } else if (op == 9 && !checkpoints.isEmpty()) {
                        int c = r.nextInt(checkpoints.size());
                        overlay.release(c);
                        checkpoints.subList(c, checkpoints.size()).clear();
                    }
                    assertArrayEquals(working.get(k), overlay.get(k));
                    assertEquals(working.size(), overlay.size());
                    if (step % 10 == 9) {
                        check(overlay, working, r);
                        assertEquals(changed(committed, working), overlay.changedKeys());
                    }
                }
                store.commit(overlay, ChainStoreTest.block(n, 1));
                committed = working;
                history.add(committed);
                check(store.state(), committed, r);
                if (r.nextInt(3) == 0) {
                    store.finalize(n - r.nextInt(Math.min(n + 1, 3)));
                }
                boolean reopened = r.nextInt(5) == 0;
                if (reopened) {
                    store.close();
                    store = factory.open(where);
                    assertArrayEquals(naiveRoot(committed), store.state().root());
                }
                if (archive) {
                    if (reopened || n == 23) {
                        checkAll(store, history, r);
                    } else {
                        for (int i = 0; i < 2; i++) {
                            int m = r.nextInt(n + 1);
                            check(store.stateAt(m).orElseThrow(), history.get(m), r);
                        }
                    }
                } else {
                    int kept = 0;
                    for (int m = 0; m <= n; m++) {
                        var old = store.stateAt(m);
                        if (old.isPresent()) {
                            kept++;
                            check(old.get(), history.get(m), r);
                        }
                    }
                    assertTrue(kept >= Math.min(n + 1, 3), "at least the last states are kept: " + kept);
                }
                assertFalse(store.stateAt(n + 1).isPresent());
            }
            var stats = store.stats();
            assertTrue(
                    stats.cacheHits() > 0 && stats.cacheMisses() > 0 && stats.cacheEvictions() > 0,
                    "the cache hit, missed and evicted: " + stats);
            assertTrue(stats.cacheBytes() <= stats.cacheLimitBytes());
            assertEquals(committed.size(), stats.keys());
            assertEquals(archive, stats.archive());
            if (archive) {
                assertEquals(0, stats.oldestState());
                assertTrue(stats.historyRows() > 0 && stats.historyBytes() > 0, "history figures: " + stats);
            }
        } finally {
            store.close();
        }
    }

    /** Every older state (newest first, so the rebuilt trees go back in time) against the model's history. */
    private static void checkAll(ChainStore store, List<TreeMap<byte[], byte[]>> history, Random r) {
        for (int m = history.size() - 1; m >= 0; m--) {
            StateReader old = store.stateAt(m).orElseThrow(() -> new AssertionError("state kept"));
            check(old, history.get(m), r);
        }
    }

    private static int changed(Map<byte[], byte[]> before, TreeMap<byte[], byte[]> after) {
        TreeMap<byte[], Boolean> keys = new TreeMap<>(Arrays::compareUnsigned);
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        int count = 0;
        for (byte[] k : keys.keySet()) {
            if (!Arrays.equals(before.get(k), after.get(k))) {
                count++;
            }
        }
        return count;
    }

    private static void check(StateReader state, TreeMap<byte[], byte[]> model, Random r) {
        byte[] root = naiveRoot(model);
        assertArrayEquals(root, state.root(), "root");
        assertEquals(model.size(), state.size());
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            assertArrayEquals(e.getValue(), state.get(e.getKey()));
        }
        // scan of a few prefixes, in unsigned key order
        for (int i = 0; i < 3; i++) {
            byte[] prefix = key(r);
            List<Map.Entry<byte[], byte[]>> scan = state.scan(prefix);
            List<byte[]> expected = new ArrayList<>();
            for (byte[] k : model.keySet()) {
                if (k.length >= prefix.length && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    expected.add(k);
                }
            }
            assertEquals(expected.size(), scan.size(), "scan size");
            for (int j = 0; j < expected.size(); j++) {
                assertArrayEquals(expected.get(j), scan.get(j).getKey());
                assertArrayEquals(model.get(expected.get(j)), scan.get(j).getValue());
            }
        }
        // proofs of present and absent keys
        for (int i = 0; i < 4; i++) {
            byte[] k = key(r);
            StateProof proof = state.prove(k);
            assertTrue(proof.verify(root), "proof verifies");
            assertArrayEquals(model.get(k), proof.value());
            assertEquals(proof, StateProof.decode(proof.encode()));
        }
        // leaves: key-hash order from the start, and from a random start
        TreeMap<byte[], byte[]> byHash = new TreeMap<>(Arrays::compareUnsigned);
        model.keySet().forEach(k -> byHash.put(Hashes.blake2b256(k), k));
        List<Map.Entry<byte[], byte[]>> all = state.leaves(new byte[32], Integer.MAX_VALUE);
        assertEquals(model.size(), all.size());
        int j = 0;
        for (byte[] k : byHash.values()) {
            assertArrayEquals(k, all.get(j++).getKey());
        }
        byte[] from = new byte[32];
        r.nextBytes(from);
        List<byte[]> tail = new ArrayList<>(byHash.tailMap(from, true).values());
        List<Map.Entry<byte[], byte[]>> some = state.leaves(from, 3);
        assertEquals(Math.min(3, tail.size()), some.size());
        for (int i = 0; i < some.size(); i++) {
            assertArrayEquals(tail.get(i), some.get(i).getKey());
        }
    }
}
