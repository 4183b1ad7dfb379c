package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.api.TxLocation;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.paged.PagedLoader;
import org.hypertensor.store.internal.paged.StateEngine;
import org.hypertensor.store.internal.paged.StateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit, read back, reopen, refusals with nothing written, finality, corruption detection, on a real Derby. */
class ChainStoreTest {
    @TempDir
    Path dir;

    private final DerbyChainStoreFactory factory = new DerbyChainStoreFactory(StoreTests.TINY);

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hash(long number, int salt) {
        byte[] h = new byte[32];
        for (int i = 0; i < 8; i++) {
            h[i] = (byte) (number >>> (56 - 8 * i));
        }
        h[31] = (byte) salt;
        return h;
    }

    static BlockRecord block(long number, int txs) {
        List<byte[]> txHashes = new java.util.ArrayList<>();
        for (int i = 0; i < txs; i++) {
            txHashes.add(hash(number * 1000 + i, 0x77));
        }
        return new BlockRecord(
                number,
                hash(number, 1),
                number == 0 ? new byte[32] : hash(number - 1, 1),
                b("header " + number),
                b("body " + number),
                txHashes,
                b("receipts " + number));
    }

    @Test
    void commitReadReopen() throws Exception {
        byte[] root1;
        try (ChainStore store = factory.open(dir)) {
            assertTrue(store.head().isEmpty());
            assertArrayEquals(StateProof.emptyRoot(), store.state().root());
            StateOverlay genesis = store.overlay();
            genesis.put(b("balances/alice"), b("100"));
            genesis.put(b("balances/bob"), b("50"));
            byte[] big = new byte[100_000];
            big[99_999] = 7;
            genesis.put(b("code/big"), big);
            store.commit(genesis, block(0, 2));
            assertEquals(0, store.head().orElseThrow().number());
            assertArrayEquals(genesis.root(), store.state().root());

            StateOverlay next = store.overlay();
            next.put(b("balances/alice"), b("90"));
            next.put(b("balances/carol"), b("10"));
            next.delete(b("balances/bob"));
            assertEquals(3, next.changedKeys());
            assertArrayEquals(b("50"), store.state().get(b("balances/bob")), "committed state unaffected");
            store.commit(next, block(1, 3));
            root1 = store.state().root();
            assertArrayEquals(next.root(), root1);
            assertNull(store.state().get(b("balances/bob")));

            BlockRecord stored = store.blockByNumber(0).orElseThrow();
            assertArrayEquals(b("body 0"), stored.body());
            assertEquals(2, stored.txHashes().size());
            assertArrayEquals(hash(1, 0x77), stored.txHashes().get(1));
            assertEquals(0, store.blockByHash(hash(0, 1)).orElseThrow().number());
            assertTrue(store.blockByHash(hash(5, 1)).isEmpty());
            assertTrue(store.blockByNumber(2).isEmpty());
            TxLocation tx = store.transaction(hash(1002, 0x77)).orElseThrow();
            assertEquals(1, tx.blockNumber());
            assertEquals(2, tx.index());
            assertArrayEquals(hash(1, 1), tx.blockHash());
            assertTrue(store.transaction(hash(9, 9)).isEmpty());
            assertTrue(store.finalizedHead().isEmpty());
            store.finalize(0);
            assertEquals(0, store.finalizedHead().orElseThrow().number());
            store.finalize(1);
            store.finalize(0); // lower: no-op
            assertEquals(1, store.finalizedHead().orElseThrow().number());
            assertThrows(StoreException.class, () -> store.finalize(2));
        }
        try (ChainStore store = factory.open(dir)) {
            assertEquals(1, store.head().orElseThrow().number());
            assertArrayEquals(root1, store.state().root());
            assertEquals(3, store.state().size());
            assertArrayEquals(b("90"), store.state().get(b("balances/alice")));
            assertEquals(7, store.state().get(b("code/big"))[99_999], "a value over the inline size survives");
            assertEquals(
                    List.of("balances/alice", "balances/carol"),
                    store.state().scan(b("balances/")).stream()
                            .map(e -> new String(e.getKey(), StandardCharsets.UTF_8))
                            .toList());
            assertEquals(1, store.finalizedHead().orElseThrow().number());
            StateProof proof = store.state().prove(b("balances/carol"));
            assertTrue(proof.verify(root1));
            assertTrue(StateProof.decode(proof.encode()).verify(root1));
        }
    }

    @Test
    void refusedCommitsWriteNothing() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            genesis.put(b("a"), b("1"));
            StoreException wrongNumber = assertThrows(StoreException.class, () -> store.commit(genesis, block(1, 0)));
            assertTrue(wrongNumber.getMessage().contains("next block number is 0"), wrongNumber.getMessage());
            assertTrue(store.head().isEmpty());
            store.commit(genesis, block(0, 1));

            StateOverlay stale = store.overlay();
            stale.put(b("a"), b("2"));
            StateOverlay first = store.overlay();
            first.put(b("b"), b("3"));
            store.commit(first, block(1, 0));
            StoreException notOnHead = assertThrows(StoreException.class, () -> store.commit(stale, block(2, 0)));
            assertTrue(notOnHead.getMessage().contains("not made on the current head"), notOnHead.getMessage());

            StateOverlay badHash = store.overlay();
            badHash.put(b("c"), b("4"));
            BlockRecord sameHash = new BlockRecord(2, hash(1, 1), hash(1, 1), b("h"), b("b"), List.of(), b("r"));
            StoreException dup = assertThrows(StoreException.class, () -> store.commit(badHash, sameHash));
            assertTrue(dup.getMessage().contains("nothing written"), dup.getMessage());
            assertEquals(1, store.head().orElseThrow().number());
            assertNull(store.state().get(b("c")));
            assertTrue(store.blockByNumber(2).isEmpty());

            StateOverlay bad = store.overlay();
            assertThrows(
                    StoreException.class,
                    () -> store.commit(
                            bad, new BlockRecord(2, new byte[3], hash(1, 1), b("h"), b("b"), List.of(), b("r"))));
            // The store is still usable, and the failed overlay's changes were not applied.
            StateOverlay ok = store.overlay();
            ok.put(b("d"), b("5"));
            // A transaction hash seen before (impossible on a valid chain) keeps its first location.
            store.commit(
                    ok, new BlockRecord(2, hash(2, 1), hash(1, 1), b("h"), b("b"), List.of(hash(0, 0x77)), b("r")));
            awaitBackground(store);
            assertEquals(0, store.transaction(hash(0, 0x77)).orElseThrow().blockNumber());
        }
        try (ChainStore store = factory.open(dir)) {
            assertEquals(2, store.head().orElseThrow().number());
            assertNull(store.state().get(b("c")));
            assertArrayEquals(b("5"), store.state().get(b("d")));
            assertEquals(3, store.state().size());
        }
    }

    @Test
    void readersNeverSeeAPartialBlock() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            Thread reader = new Thread(() -> {
                try {
                    while (!done.get()) {
                        org.hypertensor.store.api.StateReader state = store.state();
                        byte[] root = state.root();
                        // Every block writes its number under all 200 keys: a snapshot shows one number only.
                        var entries = state.scan(b("k/"));
                        assertTrue(entries.isEmpty() || entries.size() == 200, "entries " + entries.size());
                        for (var e : entries) {
                            assertArrayEquals(entries.get(0).getValue(), e.getValue());
                        }
                        assertTrue(state.prove(b("k/7")).verify(root));
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            for (int n = 0; n < 15; n++) {
                StateOverlay o = store.overlay();
                for (int i = 0; i < 200; i++) {
                    o.put(b("k/" + i), b("block " + n));
                }
                store.commit(o, block(n, 1));
            }
            done.set(true);
            reader.join();
            if (failure.get() != null) {
                throw new AssertionError("reader failed", failure.get());
            }
            assertTrue(reads.get() > 0);
        }
    }

    @Test
    void overlayOfAnotherStoreIsRefused(@TempDir Path other) throws Exception {
        try (ChainStore a = factory.open(dir);
                ChainStore b = factory.open(other)) {
            StoreException e = assertThrows(StoreException.class, () -> a.commit(b.overlay(), block(0, 0)));
            assertTrue(e.getMessage().contains("not made on the current head"));
            StoreException twice = assertThrows(StoreException.class, () -> factory.open(dir));
            assertTrue(twice.getMessage().contains("already open"), twice.getMessage());
        }
    }

    @Test
    void engineRestartsAfterShutdownAndLogsOutsideTheWorkingDirectory() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            assertFalse(DerbyChainStore.shutdownEngineIfIdle(), "not while a store is open");
            StateOverlay genesis = store.overlay();
            genesis.put(b("k"), b("v"));
            store.commit(genesis, block(0, 0));
        }
        assertTrue(DerbyChainStore.shutdownEngineIfIdle());
        try (ChainStore store = factory.open(dir)) {
            assertArrayEquals(b("v"), store.state().get(b("k")));
        }
        String log = System.getProperty("derby.stream.error.file");
        assertTrue(log != null && log.endsWith("derby.log") && Files.exists(Path.of(log)), log);
        assertFalse(Files.exists(Path.of("derby.log")), "no derby.log in the working directory");
    }

    static void awaitBackground(ChainStore store) throws InterruptedException {
        for (int i = 0; i < 3000 && !((DerbyChainStore) store).backgroundIdle(); i++) {
            Thread.sleep(10);
        }
        assertTrue(((DerbyChainStore) store).backgroundIdle(), "background writer idle");
    }

    @Test
    void storedBucketHashesReplaceOldUndoRecords() throws Exception {
        byte[] root;
        java.util.Random r = new java.util.Random(5);
        try (DerbyChainStore store = DerbyChainStore.open(dir, new StoreOptions(4096, 8, 50, 2, 4))) {
            for (int n = 0; n < 12; n++) {
                StateOverlay o = store.overlay();
                for (int i = 0; i < 20; i++) {
                    byte[] key = b("k" + r.nextInt(60));
                    if (r.nextInt(5) == 0) {
                        o.delete(key);
                    } else {
                        o.put(key, b("v" + r.nextInt()));
                    }
                }
                store.commit(o, block(n, 2));
                awaitBackground(store);
            }
            root = store.state().root();
            assertTrue(store.stateAt(7).isEmpty(), "only the last 4 states are kept");
            assertTrue(store.stateAt(8).isPresent());
            try (Connection c = Derby.connect(dir.toRealPath(), "");
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT (SELECT MIN(num) FROM ht_changes),"
                            + " (SELECT COUNT(*) FROM ht_tree), (SELECT num FROM ht_meta WHERE name = 'tree'),"
                            + " (SELECT COUNT(*) FROM ht_txs) FROM SYSIBM.SYSDUMMY1")) {
                assertTrue(rs.next());
                long treeAt = rs.getLong(3);
                assertTrue(treeAt >= 2, "bucket hashes were stored: " + treeAt);
                assertEquals(1, rs.getInt(2), "one set of bucket hashes kept");
                assertTrue(rs.getLong(1) > 0 && rs.getLong(1) <= Math.min(treeAt, 8), "old undo records deleted");
                assertEquals(24, rs.getInt(4), "every transaction indexed");
            }
        }
        try (ChainStore store = factory.open(dir)) {
            assertArrayEquals(root, store.state().root());
            assertEquals(11, store.head().orElseThrow().number());
            assertEquals(
                    11,
                    store.transaction(hash(11 * 1000 + 1, 0x77)).orElseThrow().blockNumber());
        }
    }

    /**
     * The head's undo record obeys the journal's byte budget at open like the others (it only serves reads of the
     * state before the head): a genesis of 10⁷ accounts made the open read one of 10⁷ entries.
     */
    @Test
    void openLeavesOutTheHeadsUndoRecordOverTheBudget() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            StateOverlay o = store.overlay();
            for (int i = 0; i < 2000; i++) {
                o.put(b("k/" + i), b("v" + i));
            }
            store.commit(o, block(0, 1));
        }
        Path real = dir.toRealPath();
        try (Connection c = Derby.connect(real, "");
                Connection scans = Derby.connect(real, "");
                Connection buckets = Derby.connect(real, "")) {
            long treeAt;
            try (Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'tree'")) {
                assertTrue(rs.next());
                treeAt = rs.getLong(1);
            }
            StateTable table = new StateTable("test", scans, List.of(buckets), c, false, StoreTests.TINY.layout(), 8);
            StateEngine tight = PagedLoader.load("test", c, table, 1 << 20, 8, treeAt, 0, 0, 1);
            assertEquals(0, tight.journalBytes());
            assertEquals(0, tight.oldestKept());
            assertArrayEquals(b("v7"), tight.head().get(b("k/7")));
            assertEquals(2000, tight.head().size());
            StateEngine roomy = PagedLoader.load("test", c, table, 1 << 20, 8, treeAt, 0, 0, Long.MAX_VALUE);
            assertTrue(roomy.journalBytes() > 2000 * 4, "the head's undo record loaded: " + roomy.journalBytes());
        } finally {
            Derby.shutdown(real);
        }
    }

    @Test
    void stateTablesUseSmallPages() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            genesis.put(b("a"), b("1"));
            store.commit(genesis, block(0, 0));
        }
        // a bucket read that misses Derby's page cache reads one 4 KB page per row, not Derby's 32 KB for BLOBs
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT t.conglomeratename, t.pagesize FROM TABLE"
                        + " (SYSCS_DIAG.SPACE_TABLE('HT_BUCKETS')) t UNION ALL SELECT t.conglomeratename, t.pagesize"
                        + " FROM TABLE (SYSCS_DIAG.SPACE_TABLE('HT_KEYS')) t UNION ALL SELECT t.conglomeratename,"
                        + " t.pagesize FROM TABLE (SYSCS_DIAG.SPACE_TABLE('HT_HISTORY')) t")) {
            int conglomerates = 0;
            while (rs.next()) {
                assertEquals(Schema.STATE_PAGE_BYTES, rs.getInt(2), rs.getString(1));
                conglomerates++;
            }
            assertEquals(7, conglomerates, "the three tables and their four indexes");
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
    }

    @Test
    void tamperedRecordsAreDetected() throws Exception {
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            genesis.put(b("a"), b("1"));
            genesis.put(b("b"), b("2"));
            store.commit(genesis, block(0, 0));
        }
        // a changed value: found when its bucket is read
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                Statement s = c.createStatement();
                java.sql.PreparedStatement ps = c.prepareStatement("UPDATE ht_buckets SET data = ? WHERE b = ?")) {
            List<Object[]> rows = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT b, data FROM ht_buckets")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getInt(1), rs.getBytes(2)});
                }
            }
            assertFalse(rows.isEmpty());
            for (Object[] row : rows) {
                byte[] data = (byte[]) row[1];
                data[data.length - 1] ^= 1; // the value's last byte
                ps.setBytes(1, data);
                ps.setInt(2, (Integer) row[0]);
                assertEquals(1, ps.executeUpdate());
            }
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
        try (ChainStore store = factory.open(dir)) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> store.state().get(b("a")));
            assertTrue(e.getMessage().contains("does not match the state root"), e.getMessage());
        }
        // a changed bucket hash: found at open
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                Statement s = c.createStatement();
                java.sql.PreparedStatement ps = c.prepareStatement("UPDATE ht_changes SET buckets = ? WHERE num = 0")) {
            byte[] buckets;
            try (java.sql.ResultSet rs = s.executeQuery("SELECT buckets FROM ht_changes WHERE num = 0")) {
                assertTrue(rs.next());
                buckets = rs.getBytes(1);
            }
            buckets[4 + 32] ^= 1; // the first bucket's hash after the block
            ps.setBytes(1, buckets);
            assertEquals(1, ps.executeUpdate());
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
        StoreException e = assertThrows(StoreException.class, () -> factory.open(dir));
        assertTrue(e.getMessage().contains("does not match block #0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
