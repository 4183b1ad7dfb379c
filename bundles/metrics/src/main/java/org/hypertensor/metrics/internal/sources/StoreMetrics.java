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

/** The chain state (summed over the open stores, normally the ledger's one): keys, disk, bucket cache. */
@Component(immediate = true)
public final class StoreMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public StoreMetrics(@Reference NodeMetrics metrics, @Reference ChainStoreFactory stores) {
        this.metrics = metrics;
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
                        StoreStats::cacheEvictions));
    }

    private static Collector gauge(
            NodeMetrics metrics, ChainStoreFactory stores, String name, String help, ToLongFunction<StoreStats> f) {
        return metrics.gauge(
                name, help, () -> stores.stats().stream().mapToLong(f).sum());
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}
