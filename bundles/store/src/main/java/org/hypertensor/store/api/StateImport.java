package org.hypertensor.store.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A whole state being written into an empty store, e.g. received by state sync ({@link ChainStore#importState}).
 * Entries may come in any order and the same key may be put again (the last value counts). Not thread-safe.
 */
@ProviderType
public interface StateImport extends AutoCloseable {
    /** @throws IllegalArgumentException on a null or too long key or value (limits of {@link StateOverlay}) */
    void put(byte[] key, byte[] value);

    /** Number of distinct keys put so far. */
    long keys();

    /** The root of what was put so far (32 bytes). */
    byte[] root();

    /**
     * Checks that {@link #root()} equals the expected root, then in one transaction stores the state and the block
     * as head AND finalized head. On a mismatch or a failure nothing is kept and the store stays empty. Afterwards
     * {@link ChainStore#commit} of block number + 1 works and {@link ChainStore#blockByNumber} of lower numbers is
     * empty.
     *
     * @throws StoreException on a root mismatch, a store that is no longer empty, or a database failure
     */
    void commit() throws StoreException;

    /** Abandons the import if it was not committed; idempotent. */
    @Override
    void close();
}
