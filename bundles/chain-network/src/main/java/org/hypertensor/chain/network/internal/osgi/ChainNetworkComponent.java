package org.hypertensor.chain.network.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.internal.gossip.BlockGossip;
import org.hypertensor.chain.network.internal.gossip.Topics;
import org.hypertensor.chain.network.internal.sync.BlockSync;
import org.hypertensor.chain.network.internal.sync.NetworkImports;
import org.hypertensor.chain.network.internal.sync.SyncServer;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.PubSub;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the chain on the network once both the ledger and the p2p host are there: serves the sync
 * protocol ({@code /hypertensor/<genesis prefix>/sync/1}), runs block sync, gossips finalized blocks,
 * and registers {@link ChainSync} for the shell and RPC.
 */
@Component(
        immediate = true,
        configurationPid = ChainNetworkConfig.PID,
        service = {})
@Designate(ocd = ChainNetworkConfig.class)
public final class ChainNetworkComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ChainNetworkComponent.class);

    private final BlockSync sync;
    private final BlockGossip gossip;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ChainNetworkComponent(
            BundleContext context,
            ChainNetworkConfig config,
            @Reference ConsensusChain chain,
            @Reference P2pNetwork network,
            @Reference PubSub pubsub) {
        String protocol = protocolFor(chain.genesisHash());
        NetworkImports imports = new NetworkImports(chain);
        sync = new BlockSync(
                chain,
                imports,
                network,
                protocol,
                new BlockSync.Settings(
                        config.sync_batch_blocks(),
                        config.sync_parallel_peers(),
                        Duration.ofMillis(config.sync_interval_ms()),
                        Duration.ofSeconds(config.sync_timeout_seconds()),
                        Duration.ofMinutes(config.ban_minutes())),
                Clock.systemUTC());
        gossip = new BlockGossip(chain, imports, pubsub, sync::wake);
        registrations.add(context.registerService(
                ProtocolHandler.class,
                new SyncServer(chain, config.sync_batch_blocks()),
                FrameworkUtil.asDictionary(Map.of(ProtocolHandler.PROTOCOL, protocol))));
        registrations.add(context.registerService(HeadListener.class, gossip, null));
        registrations.add(context.registerService(ChainSync.class, sync, null));
        sync.start();
        LOG.info("Block sync on {}", protocol);
    }

    /** {@code /hypertensor/<genesis prefix>/sync/1}. */
    public static String protocolFor(byte[] genesisHash) {
        return Topics.of(genesisHash, "sync");
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        sync.close();
        gossip.close();
    }
}
