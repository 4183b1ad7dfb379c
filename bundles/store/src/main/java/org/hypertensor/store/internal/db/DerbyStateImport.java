package org.hypertensor.store.internal.db;

import java.util.Arrays;
import java.util.HexFormat;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.internal.state.StateSnapshot;
import org.hypertensor.store.internal.state.TrieOverlay;

/**
 * A state import into an empty {@link DerbyChainStore}: the entries go into an overlay on the empty state; commit
 * checks its root against the expected one and hands the state to the store, which writes it in one transaction.
 */
final class DerbyStateImport implements StateImport {
    private final DerbyChainStore store;
    private final BlockRecord block;
    private final byte[] expectedRoot;
    private TrieOverlay state = StateSnapshot.EMPTY.overlay();
    private boolean done;

    DerbyStateImport(DerbyChainStore store, BlockRecord block, byte[] expectedRoot) {
        this.store = store;
        this.block = block;
        this.expectedRoot = expectedRoot.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        open();
        state.put(key, value);
    }

    @Override
    public long keys() {
        open();
        return state.size();
    }

    @Override
    public byte[] root() {
        open();
        return state.root();
    }

    @Override
    public void commit() throws StoreException {
        open();
        byte[] root = state.root();
        if (!Arrays.equals(root, expectedRoot)) {
            throw new StoreException("state import of block #" + block.number() + " refused: the root of the "
                    + state.size() + " imported keys is " + HexFormat.of().formatHex(root) + ", expected "
                    + HexFormat.of().formatHex(expectedRoot));
        }
        store.commitImport(block, state.toSnapshot());
        close();
    }

    @Override
    public void close() {
        done = true;
        state = null;
    }

    private void open() {
        if (done) {
            throw new IllegalStateException("state import of block #" + block.number() + " is closed");
        }
    }
}
