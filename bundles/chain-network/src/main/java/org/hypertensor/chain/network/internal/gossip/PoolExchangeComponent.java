package org.hypertensor.chain.network.internal.gossip;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@link PoolExchange} and asks newly connected peers for their pool every {@link #CHECK}. */
@Component(
        immediate = true,
        service = {})
public final class PoolExchangeComponent {

    /** How often connections are checked for peers not asked yet (the p2p API has no connect events). */
    static final Duration CHECK = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(PoolExchangeComponent.class);

    private final ExecutorService fetches = Executors.newSingleThreadExecutor(NamedThreads.single("pool-exchange"));
    private final ScheduledExecutorService ticks =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.single("pool-exchange-check"));
    private final ServiceRegistration<ProtocolHandler> registration;

    @Activate
    public PoolExchangeComponent(BundleContext context, @Reference Ledger ledger, @Reference P2pNetwork network) {
        PoolExchange exchange = new PoolExchange(ledger, network, Duration.ofMinutes(10), fetches);
        registration = context.registerService(
                ProtocolHandler.class,
                exchange,
                FrameworkUtil.asDictionary(
                        Map.of(ProtocolHandler.PROTOCOL, exchange.protocol(), ProtocolHandler.THREADS, 2)));
        ticks.scheduleWithFixedDelay(
                () -> {
                    try {
                        exchange.askNewPeers();
                    } catch (RuntimeException e) {
                        LOG.warn("Asking peers for their pool failed: {}", e.toString());
                    }
                },
                CHECK.toMillis(),
                CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Pending transactions exchanged on {}", exchange.protocol());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        ticks.shutdownNow();
        fetches.shutdownNow();
    }
}
