package org.hypertensor.store.internal;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.internal.db.DerbyChainStore;
import org.hypertensor.store.internal.db.StoreOptions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Opens Derby chain stores. As a DS component it closes the stores it opened when it is deactivated, then stops the
 * embedded Derby engine (which leaves with this bundle); outside OSGi, use the public no-arg constructor.
 */
@Component(service = ChainStoreFactory.class, immediate = true)
public final class DerbyChainStoreFactory implements ChainStoreFactory {
    private final Set<ChainStore> opened = ConcurrentHashMap.newKeySet();
    private volatile StoreOptions options;

    public DerbyChainStoreFactory() {
        this(StoreOptions.DEFAULTS);
    }

    /** A factory whose stores run with {@code options} (tests; the component takes them from its configuration). */
    public DerbyChainStoreFactory(StoreOptions options) {
        this.options = options;
    }

    @Override
    public ChainStore open(Path directory) throws StoreException {
        if (directory == null) {
            throw new StoreException("no store directory given");
        }
        DerbyChainStore store = DerbyChainStore.open(directory, options);
        opened.removeIf(s -> ((DerbyChainStore) s).isClosed());
        opened.add(store);
        return store;
    }

    @Deactivate
    void deactivate() {
        for (ChainStore store : opened) {
            store.close();
        }
        opened.clear();
        DerbyChainStore.shutdownEngineIfIdle();
    }
}
