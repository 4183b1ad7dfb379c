package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hypertensor.ledger.api.BlockTimingListener;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * How long blocks take to execute, a histogram by origin (produced here, imported from elsewhere), told by the
 * ledger. Requires the ledger itself so that it only registers its listener, a ledger API type, while one runs.
 */
@Component(service = BlockTimingListener.class, immediate = true)
public final class BlockTimingMetrics implements BlockTimingListener {

    /** Seconds: a small block executes in milliseconds; over a block time (1 s on the devnet) is trouble. */
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final NodeMetrics metrics;
    private final Histogram seconds;

    @Activate
    public BlockTimingMetrics(@Reference NodeMetrics metrics, @Reference Ledger ledger) {
        this.metrics = metrics;
        this.seconds = Histogram.builder()
                .name("hypertensor_block_import_seconds")
                .help("Time to execute a block (built here: produced; a peer's or synced: imported, with its checks),"
                        + " committing not included")
                .labelNames("origin")
                .classicOnly()
                .classicUpperBounds(BOUNDS)
                .build();
        metrics.registry().register(seconds);
    }

    @Override
    public void executed(long number, Origin origin, Duration took) {
        seconds.labelValues(origin.name().toLowerCase(Locale.ROOT)).observe(took.toNanos() / 1e9);
    }

    @Deactivate
    void deactivate() {
        metrics.remove(List.of(seconds));
    }
}
