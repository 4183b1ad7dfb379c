package org.hypertensor.chain.network.internal.bft;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.ManagedEventLoop;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.chain.network.internal.gossip.BlockGossip;
import org.hypertensor.chain.network.internal.osgi.ChainNetworkComponent;
import org.hypertensor.chain.network.internal.sync.BlockSync;
import org.hypertensor.chain.network.internal.sync.NetworkImports;
import org.hypertensor.chain.network.internal.sync.SyncServer;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.consensus.Finality;
import org.hypertensor.ledger.internal.osgi.LedgerConsensus;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;

/**
 * One validator node in a test, everything real but the OSGi wiring: its chain on Derby, a p2p host on
 * loopback, gossipsub, block gossip and sync, and the BFT engine with its double-sign guard file — what
 * ChainNetworkComponent puts together in a node. Closing it is the node going away; opening another on the
 * same directory is its restart.
 */
public final class BftNode implements AutoCloseable {

    static final Timeouts TIMEOUTS = new Timeouts(1000, 500, 500, 500, 500, 500);

    public final String name;
    public final LocalChain chain;
    public final ConsensusChain consensus;
    final Host host;
    public final BftEngine engine;
    private final GossipRouter router;
    private final BlockGossip gossip;
    private final BlockSync sync;
    private final ManagedEventLoop loop;

    public BftNode(String name, String spec, Path dir, TestHosts hosts) throws Exception {
        this(name, spec, dir, hosts, UnaryOperator.identity());
    }

    /** @param wrap what the engine publishes through (a Byzantine double wraps the real router) */
    public BftNode(String name, String spec, Path dir, TestHosts hosts, UnaryOperator<PubSub> wrap) throws Exception {
        this(name, spec, dir, hosts, (real, chain) -> wrap.apply(real));
    }

    /** What the engine publishes through, given the real router and this node's chain. */
    public interface Network {
        PubSub wrap(PubSub real, ConsensusChain chain);
    }

    public BftNode(String name, String spec, Path dir, TestHosts hosts, Network wrap) throws Exception {
        this.name = name;
        Ed25519KeyPair key = DevKeys.derive("//" + name);
        chain = LocalChain.builder().spec(spec).directory(dir.resolve(name)).open();
        chain.chain().setFinality(new Finality(new TendermintRule(chain.genesisHash()), false));
        consensus = new LedgerConsensus(chain.chain(), () -> Optional.of(key));
        host = hosts.start();
        router = new GossipRouter(host, GossipConfig.defaults());
        router.start();
        String protocol = ChainNetworkComponent.protocolFor(chain.genesisHash());
        host.registerHandler(protocol, new SyncServer(consensus, 256));
        NetworkImports imports = new NetworkImports(consensus);
        sync = new BlockSync(
                consensus,
                imports,
                host,
                protocol,
                new BlockSync.Settings(256, 4, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(5)),
                Clock.systemUTC());
        gossip = new BlockGossip(consensus, imports, router, sync::wake);
        loop = Bft.threadEventLoop("bft-" + name);
        engine = new BftEngine(
                consensus,
                wrap.wrap(router, consensus),
                key,
                dir.resolve(name + "-sign-guard.bin"),
                TIMEOUTS,
                1000,
                Clock.systemUTC(),
                loop);
        gossip.setProposalHandler(engine::proposalMessage);
        chain.chain().addListener(gossip);
        chain.chain().addListener(engine);
    }

    public void start() {
        sync.start();
        engine.start();
    }

    public void connect(BftNode other) throws Exception {
        host.connect(other.host.listenAddresses().get(0)).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The gossip router (tests listen to the votes topic through it). */
    public PubSub pubsub() {
        return router;
    }

    public long finalized() {
        return chain.chain().finalizedHead().number();
    }

    @Override
    public void close() {
        engine.close();
        loop.close();
        sync.close();
        gossip.close();
        router.close();
        host.close();
        chain.close();
    }
}
