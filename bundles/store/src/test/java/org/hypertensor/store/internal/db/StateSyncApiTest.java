package org.hypertensor.store.internal.db;

import static org.hypertensor.store.internal.db.ChainStoreTest.b;
import static org.hypertensor.store.internal.db.ChainStoreTest.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API state sync builds on: leaves in key-hash order, states of recent blocks, importing a whole state. */
class StateSyncApiTest {
    @TempDir
    Path dir;

    private final DerbyChainStoreFactory factory = new DerbyChainStoreFactory(StoreTests.TINY);

    /** A source store with blocks 0..3 (block n changes some keys), finalized at 2. */
    private ChainStore source(Path where) throws StoreException {
        ChainStore store = factory.open(where);
        Random random = new Random(7);
        for (int n = 0; n < 4; n++) {
            StateOverlay o = store.overlay();
            for (int i = 0; i < 300; i++) {
                byte[] value = new byte[1 + random.nextInt(40)];
                random.nextBytes(value);
                o.put(b("k/" + random.nextInt(1000)), value);
            }
            o.delete(b("k/" + random.nextInt(1000)));
            store.commit(o, block(n, 2));
        }
        store.finalize(2);
        return store;
    }

    private static List<Map.Entry<byte[], byte[]>> allLeaves(StateReader state, int chunk) {
        List<Map.Entry<byte[], byte[]>> all = new ArrayList<>();
        byte[] from = new byte[32];
        while (true) {
            List<Map.Entry<byte[], byte[]>> part = state.leaves(from, chunk);
            all.addAll(part);
            if (part.size() < chunk) {
                return all;
            }
            from = next(Hashes.blake2b256(part.get(part.size() - 1).getKey()));
            if (from == null) {
                return all;
            }
        }
    }

    /** The key hash right after {@code h}, or null after the last one. */
    private static byte[] next(byte[] h) {
        byte[] n = h.clone();
        for (int i = n.length - 1; i >= 0; i--) {
            if (++n[i] != 0) {
                return n;
            }
        }
        return null;
    }

    @Test
    void leavesComeInKeyHashOrderFromAnyStart() throws Exception {
        try (ChainStore store = source(dir.resolve("a"))) {
            StateReader state = store.state();
            List<Map.Entry<byte[], byte[]>> all = allLeaves(state, 37);
            assertEquals(state.size(), all.size());
            List<byte[]> hashes =
                    all.stream().map(e -> Hashes.blake2b256(e.getKey())).toList();
            for (int i = 1; i < hashes.size(); i++) {
                assertTrue(Arrays.compareUnsigned(hashes.get(i - 1), hashes.get(i)) < 0, "ascending at " + i);
            }
            for (Map.Entry<byte[], byte[]> e : all) {
                assertArrayEquals(state.get(e.getKey()), e.getValue());
            }
            // starting exactly at a key hash includes it; one past it starts at the next
            Random random = new Random(3);
            for (int t = 0; t < 50; t++) {
                int i = random.nextInt(hashes.size());
                assertArrayEquals(
                        all.get(i).getKey(),
                        state.leaves(hashes.get(i), 1).get(0).getKey());
                List<Map.Entry<byte[], byte[]>> after = state.leaves(next(hashes.get(i)), 2);
                assertEquals(Math.min(2, hashes.size() - i - 1), after.size());
                if (!after.isEmpty()) {
                    assertArrayEquals(all.get(i + 1).getKey(), after.get(0).getKey());
                }
                byte[] randomStart = new byte[32];
                random.nextBytes(randomStart);
                int expected = 0;
                while (expected < hashes.size() && Arrays.compareUnsigned(hashes.get(expected), randomStart) < 0) {
                    expected++;
                }
                List<Map.Entry<byte[], byte[]>> got = state.leaves(randomStart, 1);
                assertEquals(expected == hashes.size(), got.isEmpty());
                if (!got.isEmpty()) {
                    assertArrayEquals(all.get(expected).getKey(), got.get(0).getKey());
                }
            }
            byte[] ff = new byte[32];
            Arrays.fill(ff, (byte) 0xff);
            assertTrue(state.leaves(ff, 10).isEmpty());
            assertTrue(state.leaves(new byte[32], 0).isEmpty());
            assertThrows(IllegalArgumentException.class, () -> state.leaves(new byte[31], 1));
            assertThrows(IllegalArgumentException.class, () -> state.leaves(new byte[32], -1));
        }
    }

    @Test
    void statesOfRecentBlocksAreKeptAlsoAfterReopen() throws Exception {
        byte[][] roots = new byte[4][];
        try (ChainStore store = source(dir.resolve("a"))) {
            for (int n = 0; n < 4; n++) {
                roots[n] = store.blockByNumber(n).isPresent() ? rootOf(store, n) : null;
            }
            assertArrayEquals(
                    store.state().root(), store.stateAt(3).orElseThrow().root());
            assertTrue(store.stateAt(4).isEmpty());
            assertTrue(store.stateAt(-1).isEmpty());
        }
        try (ChainStore store = factory.open(dir.resolve("a"))) {
            for (int n = 0; n < 4; n++) {
                assertArrayEquals(roots[n], store.stateAt(n).orElseThrow().root(), "state of #" + n);
            }
        }
    }

    private static byte[] rootOf(ChainStore store, int n) {
        StateReader state = store.stateAt(n).orElseThrow();
        byte[] root = state.root();
        assertEquals(state.size(), allLeaves(state, 1000).size());
        return root;
    }

    @Test
    void importEqualsSourceThenNextBlockCommitsAndReopens() throws Exception {
        try (ChainStore source = source(dir.resolve("src"));
                ChainStore target = factory.open(dir.resolve("dst"))) {
            BlockRecord finalizedBlock = source.finalizedHead().orElseThrow();
            StateReader state = source.stateAt(2).orElseThrow();
            List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(allLeaves(state, 100));
            Collections.shuffle(entries, new Random(1)); // any order
            try (StateImport imp = target.importState(finalizedBlock, state.root())) {
                for (Map.Entry<byte[], byte[]> e : entries) {
                    imp.put(e.getKey(), e.getValue());
                }
                assertEquals(state.size(), imp.keys());
                assertArrayEquals(state.root(), imp.root());
                imp.commit();
            }
            assertEquals(2, target.head().orElseThrow().number());
            assertEquals(2, target.finalizedHead().orElseThrow().number());
            assertTrue(target.blockByNumber(1).isEmpty());
            assertEquals(2, target.bodiesFrom(), "no body below the imported block");
            assertArrayEquals(state.root(), target.state().root());
            assertThrows(StoreException.class, () -> target.importState(block(2, 0), state.root()));

            StateOverlay o = target.overlay();
            o.put(b("after/import"), b("yes"));
            target.commit(o, block(3, 1));
            assertEquals(3, target.head().orElseThrow().number());
        }
        try (ChainStore target = factory.open(dir.resolve("dst"))) {
            assertEquals(3, target.head().orElseThrow().number());
            assertEquals(2, target.finalizedHead().orElseThrow().number());
            assertArrayEquals(b("yes"), target.state().get(b("after/import")));
            assertTrue(
                    target.transaction(ChainStoreTest.hash(2 * 1000 + 1, 0x77)).isPresent());
            assertTrue(target.blockByNumber(1).isEmpty());
            assertEquals(2, target.bodiesFrom(), "after a reopen too");
        }
    }

    /** More entries than one import batch holds: full batches are written on the import's thread meanwhile. */
    @Test
    void anImportOfSeveralBatchesEqualsItsSourceAndAnAbandonedOneLeavesNothing() throws Exception {
        int count = 45_000; // two full batches of 20,000 and a partial one
        try (ChainStore source = factory.open(dir.resolve("big-src"));
                ChainStore target = factory.open(dir.resolve("big-dst"));
                ChainStore abandoned = factory.open(dir.resolve("big-abandoned"))) {
            StateOverlay genesis = source.overlay();
            for (int i = 0; i < count; i++) {
                genesis.put(b("acct/" + i), b("balance " + i * 7));
            }
            BlockRecord block = block(0, 0);
            source.commit(genesis, block);
            StateReader state = source.state();
            List<Map.Entry<byte[], byte[]>> entries = allLeaves(state, 5_000);
            try (StateImport imp = target.importState(block, state.root())) {
                for (Map.Entry<byte[], byte[]> e : entries) {
                    imp.put(e.getKey(), e.getValue());
                }
                imp.commit();
            }
            assertEquals(count, target.state().size());
            assertArrayEquals(state.root(), target.state().root());
            assertArrayEquals(b("balance 70"), target.state().get(b("acct/10")));

            try (StateImport imp = abandoned.importState(block, state.root())) {
                for (Map.Entry<byte[], byte[]> e : entries.subList(0, 41_000)) {
                    imp.put(e.getKey(), e.getValue()); // the second batch is being written at close
                }
            }
            assertTrue(abandoned.head().isEmpty());
            assertEquals(0, abandoned.state().size());
        }
        try (ChainStore abandoned = factory.open(dir.resolve("big-abandoned"))) {
            assertTrue(abandoned.head().isEmpty());
            assertEquals(0, abandoned.state().size());
        }
    }

    @Test
    void mismatchedImportIsRefusedAndTheStoreStaysEmpty() throws Exception {
        try (ChainStore target = factory.open(dir.resolve("dst"))) {
            byte[] wrongRoot = new byte[32];
            wrongRoot[0] = 1;
            try (StateImport imp = target.importState(block(5, 0), wrongRoot)) {
                imp.put(b("a"), b("1"));
                imp.put(b("b"), b("2"));
                StoreException e = assertThrows(StoreException.class, imp::commit);
                assertTrue(e.getMessage().contains("refused"), e.getMessage());
            }
            assertTrue(target.head().isEmpty());
            assertTrue(target.finalizedHead().isEmpty());
            assertEquals(0, target.state().size());
            assertTrue(target.stateAt(5).isEmpty());
        }
        try (ChainStore target = factory.open(dir.resolve("dst"))) {
            assertTrue(target.head().isEmpty());
            assertTrue(target.blockByNumber(5).isEmpty());
            // still importable, and an abandoned import leaves nothing
            try (StateImport imp = target.importState(block(5, 0), new byte[32])) {
                imp.put(b("a"), b("1"));
            }
            assertTrue(target.head().isEmpty());
            StateOverlay genesis = target.overlay();
            genesis.put(b("a"), b("1"));
            target.commit(genesis, block(0, 0));
            assertThrows(StoreException.class, () -> target.importState(block(5, 0), new byte[32]));
            assertFalse(target.head().isEmpty());
        }
    }
}
