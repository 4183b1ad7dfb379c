package org.hypertensor.store.internal.db;

import java.util.Arrays;
import java.util.BitSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StoreException;

/**
 * A state import into an empty {@link DerbyChainStore}: entries are buffered and written to the state table in
 * batches of their own transactions (the heap holds two batches, never the whole state); commit computes the root
 * from the rows and, if it matches, stores the block in one transaction. Until then the store has no block, so an
 * interrupted import is removed at the next open. Not thread-safe.
 *
 * <p>A full batch is written by a thread of the import's own while the caller fills the next one: state sync spends
 * about half of its time in these inserts, the other half downloading and verifying chunks. A failed write is
 * reported by the next call.
 */
final class DerbyStateImport implements StateImport {
    private static final int BATCH_ENTRIES = 20_000;
    private static final long BATCH_BYTES = 16L << 20;

    private final DerbyChainStore store;
    private final BlockRecord block;
    private final byte[] expectedRoot;
    private TreeMap<byte[], byte[]> batch = newBatch();
    private long batchBytes;
    /** The buckets this import has written (the bucket layout merges those instead of inserting them). */
    private final BitSet writtenBuckets = new BitSet();

    private boolean done;
    private ExecutorService writer;
    /** The batch being written, if any. */
    private Future<?> written;

    DerbyStateImport(DerbyChainStore store, BlockRecord block, byte[] expectedRoot) {
        this.store = store;
        this.block = block;
        this.expectedRoot = expectedRoot.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        open();
        if (key == null || key.length > StateOverlay.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("state key is null or longer than " + StateOverlay.MAX_KEY_BYTES);
        }
        if (value == null || value.length > StateOverlay.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("state value is null or longer than " + StateOverlay.MAX_VALUE_BYTES);
        }
        batch.put(key.clone(), value.clone());
        batchBytes += key.length + value.length + 64;
        if (batch.size() >= BATCH_ENTRIES || batchBytes >= BATCH_BYTES) {
            try {
                awaitWritten();
            } catch (StoreException e) {
                throw unchecked(e);
            }
            TreeMap<byte[], byte[]> full = batch;
            batch = newBatch();
            batchBytes = 0;
            written = writer().submit(() -> {
                store.importRows(full, block.number(), writtenBuckets);
                return null;
            });
        }
    }

    /** The import's writer thread, started at the first full batch; it ends when idle, should nobody close. */
    private ExecutorService writer() {
        if (writer == null) {
            ThreadPoolExecutor pool =
                    new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "chain-store-import #" + block.number());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            writer = pool;
        }
        return writer;
    }

    private static TreeMap<byte[], byte[]> newBatch() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /** Waits for the batch being written; its failure, if it failed. */
    private void awaitWritten() throws StoreException {
        Future<?> w = written;
        if (w == null) {
            return;
        }
        written = null;
        try {
            w.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("state import of block #" + block.number() + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(
                    "state import of block #" + block.number() + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Writes everything put so far: the batch being written, then the current one. */
    private void flush() throws StoreException {
        awaitWritten();
        if (!batch.isEmpty()) {
            store.importRows(batch, block.number(), writtenBuckets);
            batch.clear();
            batchBytes = 0;
        }
    }

    private void stopWriter() {
        if (writer != null) {
            writer.shutdown();
            writer = null;
        }
    }

    /** A failure where {@link StateImport}'s methods have no checked exception. */
    private static IllegalStateException unchecked(StoreException e) {
        return new IllegalStateException(e.getMessage(), e);
    }

    /** What the rows hold once everything put so far is written. */
    private DerbyChainStore.Imported imported() {
        open();
        try {
            flush();
            return store.imported(block.number());
        } catch (StoreException e) {
            throw unchecked(e);
        }
    }

    @Override
    public long keys() {
        return imported().keys();
    }

    @Override
    public byte[] root() {
        return imported().root();
    }

    @Override
    public void commit() throws StoreException {
        open();
        try {
            flush();
            store.commitImport(block, expectedRoot);
            done = true;
            stopWriter();
        } finally {
            if (!done) {
                close(); // refused or failed: nothing is kept
            }
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            batch.clear();
            try {
                awaitWritten(); // its rows first, then the delete
            } catch (StoreException e) {
                // abandoned anyway: the delete below removes whatever it wrote
            }
            stopWriter();
            store.abandonImport(block.number());
        }
    }

    private void open() {
        if (done) {
            throw new IllegalStateException("state import of block #" + block.number() + " is closed");
        }
    }
}
