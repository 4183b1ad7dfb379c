package org.hypertensor.chain.network.internal.osgi;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.ManagedEventLoop;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.internal.bft.BftEngine;
import org.hypertensor.chain.network.internal.bft.TendermintRule;
import org.hypertensor.chain.network.internal.gossip.BlockGossip;
import org.hypertensor.chain.network.internal.gossip.Topics;
import org.hypertensor.chain.network.internal.state.StateServer;
import org.hypertensor.chain.network.internal.state.StateSync;
import org.hypertensor.chain.network.internal.sync.BlockSync;
import org.hypertensor.chain.network.internal.sync.NetworkImports;
import org.hypertensor.chain.network.internal.sync.SyncServer;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.node.core.api.NodeInfo;
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
 * protocol ({@code /hypertensor/<genesis prefix>/sync/1}) and the state protocol ({@code .../state/1}), runs block sync, gossips finalized blocks,
 * registers {@link ChainSync} for the shell and RPC, and on a chain of several validators runs the BFT
 * engine (validating with the ledger's validator key, or following) and registers its certificate rule.
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
    private final BftEngine bft;
    private ManagedEventLoop bftLoop;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ChainNetworkComponent(
            BundleContext context,
            ChainNetworkConfig config,
            @Reference ConsensusChain chain,
            @Reference P2pNetwork network,
            @Reference PubSub pubsub,
            @Reference NodeInfo node) {
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
        registrations.add(context.registerService(
                ProtocolHandler.class,
                new StateServer(chain, config.state_chunk_leaves()),
                FrameworkUtil.asDictionary(
                        Map.of(ProtocolHandler.PROTOCOL, StateSync.protocolFor(chain.genesisHash())))));
        registrations.add(context.registerService(HeadListener.class, gossip, null));
        registrations.add(context.registerService(ChainSync.class, sync, null));
        bft = multiValidator(chain) ? startBft(context, config, chain, pubsub, node) : null;
        sync.start();
        LOG.info("Block sync on {}", protocol);
    }

    private static boolean multiValidator(ConsensusChain chain) {
        try {
            return chain.validators(chain.finalizedHead().number() + 1).size() > 1;
        } catch (ConsensusException e) {
            LOG.error("No validator set: {}", e.getMessage());
            return false;
        }
    }

    /** Several validators: the BFT engine finalizes, and its certificate rule checks every block. */
    private BftEngine startBft(
            BundleContext context, ChainNetworkConfig config, ConsensusChain chain, PubSub pubsub, NodeInfo node) {
        Timeouts timeouts = new Timeouts(
                config.bft_propose_ms(),
                config.bft_round_delta_ms(),
                config.bft_vote_ms(),
                config.bft_round_delta_ms(),
                config.bft_vote_ms(),
                config.bft_round_delta_ms());
        registrations.add(context.registerService(FinalityRule.class, new TendermintRule(chain.genesisHash()), null));
        bftLoop = Bft.threadEventLoop("bft-engine");
        try {
            BftEngine engine = new BftEngine(
                    chain,
                    pubsub,
                    chain.validatorKey().orElse(null),
                    node.dataDir().resolve("bft").resolve("sign-guard.bin"),
                    timeouts,
                    config.bft_retransmit_ms(),
                    Clock.systemUTC(),
                    bftLoop);
            gossip.setProposalHandler(engine::proposalMessage);
            registrations.add(context.registerService(HeadListener.class, engine, null));
            registrations.add(context.registerService(BftEngine.class, engine, null));
            engine.start();
            return engine;
        } catch (IOException e) {
            LOG.error("BFT engine not started (this node neither votes nor follows proposals): {}", e.getMessage());
            return null;
        }
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
        if (bft != null) {
            bft.close();
        }
        if (bftLoop != null) {
            bftLoop.close();
        }
    }
}
