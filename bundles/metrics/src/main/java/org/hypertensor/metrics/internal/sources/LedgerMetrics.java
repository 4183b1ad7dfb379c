package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The chain: best and finalized block numbers and the transaction pool, while a ledger runs. */
@Component(immediate = true)
public final class LedgerMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public LedgerMetrics(@Reference NodeMetrics metrics, @Reference Ledger ledger) {
        this.metrics = metrics;
        this.collectors = List.of(
                metrics.gauge(
                        "hypertensor_chain_best_block",
                        "Number of the best (head) block",
                        () -> ledger.head().number()),
                metrics.gauge(
                        "hypertensor_chain_finalized_block",
                        "Number of the last finalized block",
                        () -> ledger.finalizedHead().number()),
                metrics.gauge(
                        "hypertensor_pool_transactions",
                        "Transactions waiting in the pool",
                        () -> ledger.pool().size()));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}
