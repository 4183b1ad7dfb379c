package org.hypertensor.store.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.api.StoreStats;
import org.hypertensor.store.internal.db.DerbyChainStore;
import org.hypertensor.store.internal.db.StoreOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Derby chain stores. As a DS component it closes the stores it opened when it is deactivated, then stops the
 * embedded Derby engine (which leaves with this bundle); outside OSGi, use the public no-arg constructor.
 */
@Component(
        service = ChainStoreFactory.class,
        immediate = true,
        configurationPid = StoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public final class DerbyChainStoreFactory implements ChainStoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DerbyChainStoreFactory.class);
    private final Set<ChainStore> opened = ConcurrentHashMap.newKeySet();
    private volatile StoreOptions options;
    /** Why the configuration was refused (its stores do not open until it is fixed), or null. */
    private volatile String configError;

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
        String error = configError;
        if (error != null) {
            throw new StoreException("cannot open chain store " + directory + ": " + error);
        }
        opened.removeIf(s -> ((DerbyChainStore) s).isClosed());
        DerbyChainStore store = DerbyChainStore.open(directory, options);
        opened.add(store);
        return store;
    }

    /** The configured options; a change applies to the stores opened after it (open ones keep theirs). */
    @Activate
    @Modified
    void configure(StoreConfig config) {
        try {
            options = new StoreOptions(
                    (long) config.cache_mb() << 20,
                    config.bucket_bits(),
                    config.tree_changes(),
                    StoreOptions.parsePruning(config.pruning()),
                    config.states_max(),
                    blocksKeep(config.blocks_keep()),
                    StoreOptions.parseValues(config.state_values()),
                    config.state_rows_behind());
            configError = null;
        } catch (IllegalArgumentException e) {
            // Not the defaults: a mistyped 'archive' must not create a pruned database for good.
            configError = "configuration " + StoreConfig.PID + " refused: " + e.getMessage();
            LOG.error("{}", configError);
        }
    }

    /** {@code blocks.keep}: "all" or a count of at least 1; anything else keeps every body (and says so). */
    static long blocksKeep(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("all")) {
            return StoreOptions.KEEP_ALL;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.error("blocks.keep = '{}' is not 'all' or a number of at least 1: every block body is kept", v);
        return StoreOptions.KEEP_ALL;
    }

    @Override
    public List<StoreStats> stats() {
        List<StoreStats> out = new ArrayList<>();
        for (ChainStore store : opened) {
            if (!((DerbyChainStore) store).isClosed()) {
                try {
                    out.add(store.stats());
                } catch (IllegalStateException e) {
                    // closed meanwhile
                }
            }
        }
        out.sort(Comparator.comparing(s -> s.directory().toString()));
        return out;
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
