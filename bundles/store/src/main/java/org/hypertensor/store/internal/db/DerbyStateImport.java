package org.hypertensor.store.internal.db;

import java.util.Arrays;
import java.util.TreeMap;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StoreException;

/**
 * A state import into an empty {@link DerbyChainStore}: entries are buffered and written to the state table in
 * batches of their own transactions (the heap holds one batch, never the whole state); commit computes the root
 * from the rows and, if it matches, stores the block in one transaction. Until then the store has no block, so an
 * interrupted import is removed at the next open. Not thread-safe.
 */
final class DerbyStateImport implements StateImport {
    private static final int BATCH_ENTRIES = 20_000;
    private static final long BATCH_BYTES = 16L << 20;

    private final DerbyChainStore store;
    private final BlockRecord block;
    private final byte[] expectedRoot;
    private final TreeMap<byte[], byte[]> batch = new TreeMap<>(Arrays::compareUnsigned);
    private long batchBytes;
    private boolean done;

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
            flushUnchecked();
        }
    }

    private void flush() throws StoreException {
        if (!batch.isEmpty()) {
            store.importRows(batch, block.number());
            batch.clear();
            batchBytes = 0;
        }
    }

    private void flushUnchecked() {
        try {
            flush();
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public long keys() {
        open();
        flushUnchecked();
        try {
            return store.imported(block.number()).keys();
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] root() {
        open();
        flushUnchecked();
        try {
            return store.imported(block.number()).root();
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws StoreException {
        open();
        try {
            flush();
            store.commitImport(block, expectedRoot);
            done = true;
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
            store.abandonImport(block.number());
        }
    }

    private void open() {
        if (done) {
            throw new IllegalStateException("state import of block #" + block.number() + " is closed");
        }
    }
}
