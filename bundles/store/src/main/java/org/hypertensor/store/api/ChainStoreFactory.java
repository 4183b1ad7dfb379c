package org.hypertensor.store.api;

import java.nio.file.Path;

/**
 * Opens chain databases. Registered as an OSGi service (a DS component); also usable outside OSGi through
 * the public no-arg constructor of {@code org.hypertensor.store.internal.DerbyChainStoreFactory}.
 */
public interface ChainStoreFactory {
    /**
     * Opens (creating if needed) the chain database under {@code directory}, rebuilds the in-memory state trie
     * from it and checks its root against the root recorded with the head block.
     *
     * @throws StoreException if the database cannot be opened, is already open, or is inconsistent
     */
    ChainStore open(Path directory) throws StoreException;
}
