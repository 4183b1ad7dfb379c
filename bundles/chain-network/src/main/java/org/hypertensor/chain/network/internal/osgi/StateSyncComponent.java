package org.hypertensor.chain.network.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hypertensor.chain.network.internal.bft.TendermintRule;
import org.hypertensor.chain.network.internal.state.StateSync;
import org.hypertensor.ledger.api.consensus.ChainBootstrap;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs state sync while the ledger offers a {@link ChainBootstrap} (an empty chain, ledger
 * {@code sync.mode = state}): on a thread of its own until the state is imported; the ledger then
 * unregisters the bootstrap (this component goes) and registers its chain, and {@link ChainNetworkComponent}
 * starts block sync from that block. On a chain of several validators it registers the BFT certificate
 * rule meanwhile, so the ledger can check the start block's certificate against the genesis set.
 */
@Component(
        immediate = true,
        configurationPid = ChainNetworkConfig.PID,
        service = {})
public final class StateSyncComponent {

    private static final Logger LOG = LoggerFactory.getLogger(StateSyncComponent.class);

    private final StateSync sync;
    private final ExecutorService thread;
    private final ServiceRegistration<StateSync> registration;
    private final ServiceRegistration<FinalityRule> rule;

    @Activate
    public StateSyncComponent(
            BundleContext context,
            ChainNetworkConfig config,
            @Reference ChainBootstrap bootstrap,
            @Reference P2pNetwork network) {
        sync = new StateSync(
                bootstrap,
                network,
                new StateSync.Settings(
                        config.state_chunk_leaves(),
                        Duration.ofSeconds(config.sync_timeout_seconds()),
                        Duration.ofMinutes(config.ban_minutes()),
                        Duration.ofMillis(config.sync_interval_ms())),
                Clock.systemUTC());
        rule = bootstrap.genesisValidators().size() > 1
                ? context.registerService(FinalityRule.class, new TendermintRule(bootstrap.genesisHash()), null)
                : null;
        registration = context.registerService(StateSync.class, sync, null);
        thread = Executors.newSingleThreadExecutor(NamedThreads.single("state-sync"));
        thread.execute(this::run);
        LOG.info("State sync on {}", StateSync.protocolFor(bootstrap.genesisHash()));
    }

    private void run() {
        try {
            sync.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("State sync stopped: {}", e.toString(), e);
        }
    }

    @Deactivate
    void deactivate() {
        // Often called on the sync thread itself (the import's commit unregisters the bootstrap): no waiting.
        registration.unregister();
        if (rule != null) {
            rule.unregister();
        }
        thread.shutdownNow();
        sync.close();
    }
}
