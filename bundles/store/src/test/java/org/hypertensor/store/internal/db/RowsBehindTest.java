package org.hypertensor.store.internal.db;

import static org.hypertensor.store.internal.db.ChainStoreTest.b;
import static org.hypertensor.store.internal.db.ChainStoreTest.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.internal.paged.RowsBehind;
import org.hypertensor.store.internal.paged.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The state rows written behind the commits: while a block's rows wait, reads of its state and of the states before
 * it see it whole (bucket reads through the pins, scans with the queued changes); a close that leaves rows unwritten
 * (as a kill would) is caught up at the next open from the blocks' redo records; a block written again over rows it
 * already wrote gives the same rows. A cache of a few buckets, so reads go to the rows.
 */
class RowsBehindTest {
    @TempDir
    Path dir;

    /** The expected state after each block. */
    private final List<TreeMap<String, String>> states = new ArrayList<>();

    private static StoreOptions options(StateLayout layout, int behind) {
        return StoreTests.TINY.withLayout(layout).withRowsBehind(behind);
    }

    /** Block {@code n}: new keys, changed values and deleted keys, many of them in buckets earlier blocks changed. */
    private void commit(DerbyChainStore store, long n) throws Exception {
        TreeMap<String, String> state = n == 0 ? new TreeMap<>() : new TreeMap<>(states.get((int) n - 1));
        StateOverlay o = store.overlay();
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < 300; i++) {
            String key = "acct/" + random.nextInt(600);
            if (random.nextInt(5) == 0) {
                o.delete(b(key));
                state.remove(key);
            } else {
                String value = "v" + n + "." + i + (random.nextInt(7) == 0 ? "x".repeat(300) : "");
                o.put(b(key), b(value));
                state.put(key, value);
            }
        }
        store.commit(o, block(n, 1));
        states.add(state);
    }

    private static void assertState(TreeMap<String, String> expected, StateReader state, String what) {
        for (int k = 0; k < 600; k++) {
            String key = "acct/" + k;
            String value = expected.get(key);
            byte[] got = state.get(b(key));
            if (value == null) {
                assertNull(got, what + ": " + key + " deleted");
            } else {
                assertArrayEquals(b(value), got, what + ": " + key);
            }
        }
        TreeMap<String, String> scanned = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : state.scan(b("acct/"))) {
            scanned.put(
                    new String(e.getKey(), StandardCharsets.UTF_8), new String(e.getValue(), StandardCharsets.UTF_8));
        }
        assertEquals(expected, scanned, what + ": scan");
        TreeMap<String, String> narrow = new TreeMap<>(expected.subMap("acct/3", "acct/4"));
        TreeMap<String, String> narrowScan = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : state.scan(b("acct/3"))) { // keys before and after the prefix changed too
            narrowScan.put(
                    new String(e.getKey(), StandardCharsets.UTF_8), new String(e.getValue(), StandardCharsets.UTF_8));
        }
        assertEquals(narrow, narrowScan, what + ": scan of acct/3");
        assertEquals(expected.size(), state.size(), what + ": size");
        assertTrue(state.prove(b("acct/7")).verify(state.root()), what + ": proof");
    }

    @ParameterizedTest
    @EnumSource(StateLayout.class)
    void readsSeeEveryBlockWhileItsRowsWait(StateLayout layout) throws Exception {
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 16))) {
            store.rowsBehind().hold(true);
            for (long n = 0; n < 6; n++) {
                commit(store, n);
                assertEquals(n + 1, store.rowsBehind().behind(), "blocks whose rows wait");
                assertState(states.get((int) n), store.state(), "head #" + n);
                if (n > 0) {
                    assertState(states.get((int) n - 1), store.stateAt(n - 1).orElseThrow(), "#" + (n - 1));
                }
            }
            store.rowsBehind().hold(false);
            awaitWritten(store);
            assertEquals(5, store.rowsBehind().written());
            assertState(states.get(5), store.state(), "head #5, rows written");
            assertState(states.get(3), store.stateAt(3).orElseThrow(), "#3, rows written");
        }
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 16))) {
            assertEquals(5, store.rowsBehind().written());
            assertState(states.get(5), store.state(), "head #5 after a reopen");
        }
    }

    @ParameterizedTest
    @EnumSource(StateLayout.class)
    void anOpenWritesTheRowsAKillLeftBehind(StateLayout layout) throws Exception {
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 16))) {
            commit(store, 0);
            commit(store, 1);
            awaitWritten(store);
            store.rowsBehind().hold(true);
            for (long n = 2; n < 6; n++) {
                commit(store, n);
            }
        } // closed with the writer held: blocks #2 to #5 have no rows, as after a kill
        assertEquals(1, written(dir));
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 16))) {
            assertState(states.get(5), store.state(), "head #5 with its rows queued again");
            awaitWritten(store);
            assertEquals(5, store.rowsBehind().written());
            commit(store, 6);
            assertState(states.get(6), store.state(), "head #6");
            assertState(states.get(4), store.stateAt(4).orElseThrow(), "#4");
        }
        assertEquals(6, written(dir));
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 16))) {
            store.rowsBehind().hold(true); // nothing left to write: every read below is of the rows
            assertEquals(0, store.rowsBehind().behind());
            assertState(states.get(6), store.state(), "head #6 from its rows");
        }
    }

    @ParameterizedTest
    @EnumSource(StateLayout.class)
    void aBlockWrittenAgainOverItsOwnRowsGivesTheSameRows(StateLayout layout) throws Exception {
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 0))) {
            for (long n = 0; n < 4; n++) {
                commit(store, n);
                assertEquals(
                        0, store.rowsBehind().behind(), "state.rows.behind = 0: written before the commit returns");
                assertEquals(n, store.rowsBehind().written());
            }
        }
        // a kill after some transactions of block #3's rows: here all of them, the meta row not yet moved
        setWritten(dir, 2);
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 0))) {
            awaitWritten(store);
            assertEquals(3, store.rowsBehind().written());
            commit(store, 4);
            assertEquals(4, store.rowsBehind().written());
        }
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(layout, 0))) {
            assertState(states.get(4), store.state(), "head #4 from its rows");
            assertState(states.get(3), store.stateAt(3).orElseThrow(), "#3");
        }
    }

    @Test
    void aRedoRecordThatDoesNotGiveTheBucketHashIsRefused() throws Exception {
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(StateLayout.BUCKET, 16))) {
            commit(store, 0);
            awaitWritten(store);
            store.rowsBehind().hold(true);
            commit(store, 1);
        }
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                PreparedStatement ps = c.prepareStatement("UPDATE ht_changes SET redo = undo WHERE num = 1")) {
            assertEquals(1, ps.executeUpdate());
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
        org.hypertensor.store.api.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.hypertensor.store.api.StoreException.class,
                () -> DerbyChainStore.open(dir, options(StateLayout.BUCKET, 16)));
        assertTrue(e.getMessage().contains("is corrupt: the state changes of block #1 do not give"), e.getMessage());
    }

    /**
     * A row write that fails (here: a key row already there, put by another connection) is tried again every second;
     * meanwhile reads go on from the pins and a commit beyond {@code state.rows.behind} is refused, saying why,
     * with nothing written; once the cause is gone the rows are written and commits go on.
     */
    @Test
    void aFailingRowWriteHoldsCommitsBackUntilItSucceeds() throws Exception {
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(StateLayout.BUCKET, 1))) {
            commit(store, 0);
            awaitWritten(store);
            store.rowsBehind().hold(true);
            byte[] fresh = b("fresh/1");
            try (Connection c = Derby.connect(dir.toRealPath(), "");
                    PreparedStatement ps = c.prepareStatement("INSERT INTO ht_keys (k) VALUES (?)")) {
                ps.setBytes(1, nibbles(fresh));
                assertEquals(1, ps.executeUpdate());
            }
            StateOverlay o = store.overlay();
            o.put(fresh, b("x"));
            store.commit(o, block(1, 1));
            store.rowsBehind().hold(false);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (store.rowsBehind().failure() == null) {
                assertTrue(System.nanoTime() < deadline, "the row write did not fail");
                Thread.sleep(10);
            }
            StateOverlay next = store.overlay();
            next.put(b("fresh/2"), b("y"));
            org.hypertensor.store.api.StoreException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    org.hypertensor.store.api.StoreException.class, () -> store.commit(next, block(2, 1)));
            assertTrue(
                    refused.getMessage()
                            .startsWith("commit of block #2 refused: the state rows of block #1 are not"
                                    + " written yet ("),
                    refused.getMessage());
            assertEquals(1, store.head().orElseThrow().number());
            assertArrayEquals(b("x"), store.state().get(fresh), "read from the pins");
            assertEquals(1, store.stats().rowsBehind());
            try (Connection c = Derby.connect(dir.toRealPath(), "");
                    PreparedStatement ps = c.prepareStatement("DELETE FROM ht_keys WHERE k = ?")) {
                ps.setBytes(1, nibbles(fresh));
                assertEquals(1, ps.executeUpdate());
            }
            while (store.rowsBehind().behind() > 0) { // tried again within a second
                assertTrue(
                        System.nanoTime() < deadline,
                        "not written after all: " + store.rowsBehind().failure());
                Thread.sleep(10);
            }
            assertNull(store.rowsBehind().failure());
            StateOverlay again = store.overlay();
            again.put(b("fresh/2"), b("y"));
            store.commit(again, block(2, 1));
            awaitWritten(store);
            assertEquals(0, store.stats().rowsBehind());
        }
        try (DerbyChainStore store = DerbyChainStore.open(dir, options(StateLayout.BUCKET, 1))) {
            assertArrayEquals(b("x"), store.state().get(b("fresh/1")));
            assertEquals(1, store.state().scan(b("fresh/1")).size(), "one key row");
        }
    }

    /** A key as {@code ht_keys} holds it (docs/state.md: each byte as 0x40 | high nibble, 0x40 | low nibble). */
    private static byte[] nibbles(byte[] key) {
        byte[] out = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            out[2 * i] = (byte) (0x40 | ((key[i] >> 4) & 0x0f));
            out[2 * i + 1] = (byte) (0x40 | (key[i] & 0x0f));
        }
        return out;
    }

    private static void awaitWritten(DerbyChainStore store) {
        assertTrue(
                store.rowsBehind().awaitAtMost(0),
                "rows written: " + store.rowsBehind().failure());
    }

    private static long written(Path dir) throws Exception {
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                PreparedStatement ps = c.prepareStatement("SELECT num FROM ht_meta WHERE name = ?")) {
            ps.setString(1, RowsBehind.WRITTEN);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
    }

    private static void setWritten(Path dir, long number) throws Exception {
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                PreparedStatement ps = c.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = ?")) {
            ps.setLong(1, number);
            ps.setString(2, RowsBehind.WRITTEN);
            assertEquals(1, ps.executeUpdate());
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
    }
}
