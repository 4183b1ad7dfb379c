package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The chain: best and finalized block numbers and the transaction pool (ready, future), while a ledger runs. */
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
                        "hypertensor_chain_bodies_from",
                        "Lowest block whose body is kept: older blocks are headers only (blocks.keep, or state sync's"
                                + " start); 0 keeps all",
                        ledger::bodiesFrom),
                metrics.gauge(
                        "hypertensor_pool_transactions",
                        "Transactions ready for the next block (the pool's ready queue)",
                        () -> ledger.pool().size()),
                metrics.gauge(
                        "hypertensor_pool_future_transactions",
                        "Transactions waiting for an earlier nonce of their sender (the pool's future queue)",
                        () -> ledger.futurePool().size()));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}
