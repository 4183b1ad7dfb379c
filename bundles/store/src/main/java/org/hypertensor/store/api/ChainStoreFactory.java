package org.hypertensor.store.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens chain databases. Registered as an OSGi service (a DS component); also usable outside OSGi through
 * the public no-arg constructor of {@code org.hypertensor.store.internal.DerbyChainStoreFactory}.
 */
public interface ChainStoreFactory {
    /**
     * Opens (creating if needed) the chain database under {@code directory} and checks its state against the root
     * recorded with the head block (reading only the stored bucket hashes, not the whole state: docs/state.md).
     *
     * @throws StoreException if the database cannot be opened, is already open, or is inconsistent
     */
    ChainStore open(Path directory) throws StoreException;

    /** Figures of every store this factory opened that is still open, by directory. */
    default List<StoreStats> stats() {
        return List.of();
    }
}
