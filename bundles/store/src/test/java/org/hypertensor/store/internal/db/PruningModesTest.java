package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two pruning modes: pruned (the states of the last N finalized blocks and newer; older ones gone), archive
 * (every state, far beyond the undo journal, also after a reopen), and a database's mode fixed at creation.
 */
class PruningModesTest {
    private static final int BLOCKS = 14;

    @TempDir
    Path dir;

    /** Commits BLOCKS blocks, each setting "k{n mod 5}" = "v{n}" and deleting "gone{n-1}"; returns the roots. */
    private static List<byte[]> commitBlocks(ChainStore store) throws StoreException {
        List<byte[]> roots = new ArrayList<>();
        for (int n = 0; n < BLOCKS; n++) {
            StateOverlay o = store.overlay();
            o.put(ChainStoreTest.b("k" + n % 5), ChainStoreTest.b("v" + n));
            o.put(ChainStoreTest.b("gone" + n), ChainStoreTest.b("x"));
            o.delete(ChainStoreTest.b("gone" + (n - 1)));
            store.commit(o, ChainStoreTest.block(n, 1));
            roots.add(store.state().root());
        }
        return roots;
    }

    /** The state after block n as commitBlocks made it, checked through get, size, scan and proofs. */
    private static void checkState(StateReader s, int n, byte[] root) {
        assertArrayEquals(root, s.root(), "root of #" + n);
        assertEquals(Math.min(n + 1, 5) + 1, s.size(), "size of #" + n);
        for (int m = Math.max(0, n - 4); m <= n; m++) {
            StateProof p = s.prove(ChainStoreTest.b("k" + m % 5));
            assertTrue(p.verify(root));
            assertArrayEquals(ChainStoreTest.b("v" + m), p.value(), "k" + m % 5 + " at #" + n);
        }
        StateProof absent = s.prove(ChainStoreTest.b("gone" + (n - 1)));
        assertTrue(absent.verify(root));
        assertEquals(null, absent.value());
        assertArrayEquals(ChainStoreTest.b("x"), s.get(ChainStoreTest.b("gone" + n)));
        assertEquals(1, s.scan(ChainStoreTest.b("gone")).size(), "scan at #" + n);
        assertEquals(s.size(), s.leaves(new byte[32], 100).size());
    }

    @Test
    void prunedForgetsStatesOlderThanTheLastFinalized() throws Exception {
        StoreOptions options = new StoreOptions(4096, 8, 1, 3, 64); // bucket hashes stored after every block
        List<byte[]> roots;
        try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
            roots = commitBlocks(store);
            store.finalize(10); // keeps #8..#13
            ChainStoreTest.awaitBackground(store);
            checkPruned(store, roots);
            assertFalse(store.stats().archive());
            assertEquals(0, store.stats().historyRows());
        }
        try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
            checkPruned(store, roots);
        }
    }

    private static void checkPruned(ChainStore store, List<byte[]> roots) {
        for (int n = 0; n < BLOCKS; n++) {
            if (n < 8) {
                assertTrue(store.stateAt(n).isEmpty(), "state of #" + n + " is gone");
            } else {
                checkState(store.stateAt(n).orElseThrow(), n, roots.get(n));
            }
        }
        assertEquals(8, store.stats().oldestState());
    }

    @Test
    void archiveKeepsEveryStateBeyondTheJournal() throws Exception {
        StoreOptions options = new StoreOptions(4096, 8, 1, StoreOptions.ARCHIVE, 2); // a journal of 2 states
        List<byte[]> roots;
        try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
            roots = commitBlocks(store);
            store.finalize(12);
            ChainStoreTest.awaitBackground(store);
            for (int n = 0; n < BLOCKS; n++) {
                checkState(store.stateAt(n).orElseThrow(), n, roots.get(n));
            }
            assertTrue(store.stats().archive());
            assertEquals(0, store.stats().oldestState());
            assertEquals(3L * BLOCKS - 1, store.stats().historyRows(), "one row per changed key and block");
            assertTrue(store.stats().historyBytes() > 0);
        }
        try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
            for (int n = BLOCKS - 1; n >= 0; n--) {
                checkState(store.stateAt(n).orElseThrow(), n, roots.get(n));
            }
            assertTrue(store.stateAt(BLOCKS).isEmpty());
            assertTrue(store.stateAt(-1).isEmpty());
        }
    }

    @Test
    void aHeldStateOutlivesTheJournalOnlyInArchiveMode() throws Exception {
        for (boolean archive : new boolean[] {true, false}) {
            StoreOptions options = new StoreOptions(4096, 8, 1, archive ? StoreOptions.ARCHIVE : 2, 2);
            try (ChainStore store = new DerbyChainStoreFactory(options).open(dir.resolve("held-" + archive))) {
                StateOverlay o = store.overlay();
                o.put(ChainStoreTest.b("k0"), ChainStoreTest.b("v0"));
                o.put(ChainStoreTest.b("gone0"), ChainStoreTest.b("x"));
                store.commit(o, ChainStoreTest.block(0, 1));
                StateReader held = store.state(); // #0, from the journal
                byte[] root = held.root();
                for (int n = 1; n < 5; n++) { // the journal of 2 states moves past #0
                    StateOverlay next = store.overlay();
                    next.put(ChainStoreTest.b("k0"), ChainStoreTest.b("v" + n));
                    store.commit(next, ChainStoreTest.block(n, 1));
                }
                if (archive) {
                    checkState(held, 0, root);
                } else {
                    IllegalStateException e =
                            assertThrows(IllegalStateException.class, () -> held.get(ChainStoreTest.b("k0")));
                    assertTrue(e.getMessage().contains("no longer kept"), e.getMessage());
                }
            }
        }
    }

    @Test
    void theModeIsFixedWhenTheDatabaseIsCreated() throws Exception {
        StoreOptions archive = new StoreOptions(4096, 8, 50, StoreOptions.ARCHIVE, 4);
        StoreOptions pruned = new StoreOptions(4096, 8, 50, 16, 64);
        Path a = dir.resolve("archive");
        Path p = dir.resolve("pruned");
        try (ChainStore store = new DerbyChainStoreFactory(archive).open(a)) {
            commitBlocks(store);
        }
        try (ChainStore store = new DerbyChainStoreFactory(pruned).open(p)) {
            commitBlocks(store);
        }
        StoreException e1 = assertThrows(StoreException.class, () -> new DerbyChainStoreFactory(pruned).open(a));
        assertTrue(e1.getMessage().contains("set pruning = archive"), e1.getMessage());
        StoreException e2 = assertThrows(StoreException.class, () -> new DerbyChainStoreFactory(archive).open(p));
        assertTrue(e2.getMessage().contains("cannot become an archive"), e2.getMessage());
        assertFalse(e2.getMessage().contains("\n"));
        try (ChainStore store = new DerbyChainStoreFactory(archive).open(a)) { // refused opens left it intact
            assertEquals(BLOCKS - 1, store.head().orElseThrow().number());
            assertTrue(store.stateAt(0).isPresent());
        }
    }

    @Test
    void pruningSettingIsArchiveOrAPositiveNumber() {
        assertEquals(StoreOptions.ARCHIVE, StoreOptions.parsePruning(" archive "));
        assertEquals(16, StoreOptions.parsePruning("16"));
        for (String bad : new String[] {"0", "-3", "archiv", "", null}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StoreOptions.parsePruning(bad));
            assertTrue(e.getMessage().contains("'archive'"), e.getMessage());
        }
        assertTrue(new StoreOptions(1, 8, 1, StoreOptions.ARCHIVE, 4).archive());
        assertFalse(StoreOptions.DEFAULTS.archive());
    }
}
