package org.hypertensor.store.internal.db;

import static org.hypertensor.store.internal.db.ChainStoreTest.b;
import static org.hypertensor.store.internal.db.ChainStoreTest.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.TxLocation;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blocks.keep}: the background writer prunes the bodies (body, transaction list, receipts, transaction index)
 * of the blocks below the last N finalized, never a newer one, keeps every header, and remembers where it stopped.
 */
class BodyPruningTest {
    private static final int KEEP = 5;
    private static final int TXS = 3;
    /** Finality lags the head by this much, so non-finalized blocks exist all along. */
    private static final int LAG = 10;

    @TempDir
    Path dir;

    @Test
    void prunesOldFinalizedBodiesOnlyAndKeepsHeaders() throws Exception {
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory(StoreTests.TINY.withBlocksKeep(KEEP));
        long head = 3 * BackgroundWriter.PRUNE_BATCH + 7; // several pruning batches
        byte[] root;
        try (ChainStore store = factory.open(dir)) {
            assertEquals(KEEP, store.blocksKeep());
            for (long n = 0; n <= head; n++) {
                commit(store, n);
                if (n >= LAG) {
                    store.finalize(n - LAG);
                }
                // at every step: nothing at or above finalized - KEEP + 1 is pruned
                assertTrue(store.bodiesFrom() <= Math.max(0, n - LAG - KEEP + 1), "pruned too far at #" + n);
            }
            awaitIdle(store);
            long expected = head - LAG - KEEP + 1;
            assertEquals(expected, store.bodiesFrom());
            check(store, expected, head);
            root = store.state().root();
        }
        try (ChainStore store = factory.open(dir)) {
            assertEquals(head - LAG - KEEP + 1, store.bodiesFrom(), "bodies_from survives a reopen");
            check(store, head - LAG - KEEP + 1, head);
            assertArrayEquals(root, store.state().root());
            store.finalize(head);
            awaitIdle(store);
            assertEquals(head - KEEP + 1, store.bodiesFrom());
            check(store, head - KEEP + 1, head);
            commit(store, head + 1); // a store with pruned bodies goes on committing
            check(store, head - KEEP + 1, head + 1);
        }
    }

    @Test
    void keepAllPrunesNothingAndASmallerKeepAppliesAtOpen() throws Exception {
        long head = 40;
        int txs = 600; // 41 blocks of 600: more index rows than one pruning transaction takes, so it splits
        try (ChainStore store = new DerbyChainStoreFactory(StoreTests.TINY).open(dir)) {
            assertEquals(0, store.blocksKeep());
            for (long n = 0; n <= head; n++) {
                commit(store, n, txs);
            }
            store.finalize(head);
            awaitIdle(store);
            assertEquals(0, store.bodiesFrom());
            check(store, 0, head, txs);
        }
        assertTrue((head + 1) * txs > BackgroundWriter.PRUNE_TXS);
        try (ChainStore store = new DerbyChainStoreFactory(StoreTests.TINY.withBlocksKeep(1)).open(dir)) {
            awaitIdle(store);
            assertEquals(head, store.bodiesFrom(), "keep 1: only the finalized head keeps its body");
            check(store, head, head, txs);
        }
    }

    private static void commit(ChainStore store, long n) throws Exception {
        commit(store, n, TXS);
    }

    private static void commit(ChainStore store, long n, int txs) throws Exception {
        StateOverlay overlay = store.overlay();
        overlay.put(b("acct/" + n % 17), b("value " + n));
        store.commit(overlay, block(n, txs));
    }

    /** Headers of every block; bodies and transactions from {@code from} on; nothing of a body below it. */
    private static void check(ChainStore store, long from, long head) {
        check(store, from, head, TXS);
    }

    private static void check(ChainStore store, long from, long head, int txs) {
        assertEquals(from, store.bodiesFrom());
        for (long n = 0; n <= head; n++) {
            BlockRecord expected = block(n, txs);
            BlockRecord stored = store.blockByNumber(n).orElseThrow(() -> new AssertionError("no header"));
            String what = "#" + n;
            assertArrayEquals(expected.hash(), stored.hash());
            assertArrayEquals(expected.parentHash(), stored.parentHash());
            assertArrayEquals(expected.header(), stored.header(), "header of #" + n);
            assertEquals(n, store.blockByHash(expected.hash()).orElseThrow().number());
            byte[] lastTx = expected.txHashes().get(txs - 1);
            if (n < from) {
                assertEquals(0, stored.body().length, "body of #" + n + " pruned");
                assertEquals(0, stored.receipts().length);
                assertTrue(stored.txHashes().isEmpty());
                assertTrue(store.transaction(lastTx).isEmpty(), "transaction of pruned #" + n);
            } else {
                assertArrayEquals(expected.body(), stored.body(), "body of #" + n + " kept");
                assertArrayEquals(expected.receipts(), stored.receipts());
                assertEquals(txs, stored.txHashes().size());
                TxLocation at = store.transaction(lastTx).orElseThrow(() -> new AssertionError("tx of " + what));
                assertEquals(n, at.blockNumber());
                assertEquals(txs - 1, at.index());
            }
        }
    }

    private static void awaitIdle(ChainStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!((DerbyChainStore) store).backgroundIdle()) {
            assertTrue(System.nanoTime() < deadline, "background writer still busy");
            Thread.sleep(10);
        }
    }
}
