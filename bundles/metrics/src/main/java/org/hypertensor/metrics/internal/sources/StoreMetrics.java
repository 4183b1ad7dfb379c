package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import java.util.function.ToLongFunction;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The chain state (summed over the open stores, normally the ledger's one; the oldest state: the lowest): keys, disk,
 * bucket cache, states kept, archive history.
 */
@Component(immediate = true)
public final class StoreMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public StoreMetrics(@Reference NodeMetrics metrics, @Reference ChainStoreFactory factory) {
        this.metrics = metrics;
        RecentStats stores = new RecentStats(factory);
        this.collectors = List.of(
                gauge(metrics, stores, "hypertensor_state_keys", "Keys in the head's state", StoreStats::keys),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_disk_bytes",
                        "Size of the chain database files",
                        StoreStats::diskBytes),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_cache_bytes",
                        "Bytes of state in the bucket cache",
                        StoreStats::cacheBytes),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_cache_limit_bytes",
                        "Byte budget of the bucket cache (cache.mb)",
                        StoreStats::cacheLimitBytes),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_cache_hits",
                        "State bucket reads answered from the cache since open",
                        StoreStats::cacheHits),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_cache_misses",
                        "State bucket reads that went to the database since open",
                        StoreStats::cacheMisses),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_cache_evictions",
                        "State buckets evicted from the cache since open",
                        StoreStats::cacheEvictions),
                metrics.gauge(
                        "hypertensor_state_oldest_block",
                        "Oldest block whose state is still readable (pruning; the first block in archive mode)",
                        () -> stores.stream()
                                .mapToLong(StoreStats::oldestState)
                                .min()
                                .orElse(-1)),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_history_rows",
                        "Archive mode: history rows (a key's value before a block that changed it); 0 when pruned",
                        StoreStats::historyRows),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_history_bytes",
                        "Archive mode: bytes of the history table and its indexes; 0 when pruned",
                        StoreStats::historyBytes),
                gauge(
                        metrics,
                        stores,
                        "hypertensor_state_rows_behind",
                        "Committed blocks whose state rows are not written yet (state.rows.behind)",
                        StoreStats::rowsBehind));
    }

    /**
     * The stores' figures, read once per scrape rather than once per gauge: each read walks the database directory
     * and, in archive mode, queries Derby.
     */
    private static final class RecentStats {
        private static final long FRESH_NANOS = 1_000_000_000L;
        private final ChainStoreFactory factory;
        /** Null until the first read. */
        private List<StoreStats> stats;

        private long readAt;

        RecentStats(ChainStoreFactory factory) {
            this.factory = factory;
        }

        synchronized java.util.stream.Stream<StoreStats> stream() {
            long now = System.nanoTime();
            if (stats == null || now - readAt > FRESH_NANOS) {
                stats = factory.stats();
                readAt = now;
            }
            return stats.stream();
        }
    }

    private static Collector gauge(
            NodeMetrics metrics, RecentStats stores, String name, String help, ToLongFunction<StoreStats> f) {
        return metrics.gauge(name, help, () -> stores.stream().mapToLong(f).sum());
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}
