package org.hypertensor.inference.net.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.internal.net.DhtEngine;
import org.hypertensor.dht.internal.net.DhtSettings;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.ServerDirectory;
import org.hypertensor.inference.net.internal.client.StakeCheck;
import org.hypertensor.inference.net.internal.server.Announcer;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.server.InferenceHandler;
import org.hypertensor.inference.net.internal.server.ServerSettings;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineProperties;

/**
 * Real nodes on loopback in this JVM: each a p2p host with a DHT; servers host blocks of a generated model
 * on real Java engines (through the inference bundle's real block host) and announce them; clients route
 * through them. Test scaffolding only: the same objects the bundle's components create.
 */
public final class TestNetwork implements AutoCloseable {

    public static final long SUBNET = 1;

    /** A p2p host with its DHT. */
    public record Node(Host host, DhtEngine dht) {
        public PeerId peer() {
            return host.localPeerId();
        }
    }

    /** A server node: its blocks, the engines they run on, and its announcer. */
    public record Server(
            Node node, BlockServer server, EngineRegistry registry, BlockHostImpl blockHost, Announcer announcer) {}

    private final TestHosts hosts = new TestHosts();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Model model;
    private Node boot;

    private int engineThreads = 1;

    /** Generates the model in {@code dir} unless it is there already. */
    public TestNetwork(Path dir, ModelSize size) {
        if (!java.nio.file.Files.exists(dir.resolve("manifest.json"))) {
            ModelGenerator.generate(
                    dir, "net-" + size.name().toLowerCase(java.util.Locale.ROOT), size, 5, LoadProgress.NONE);
        }
        this.model = ModelFiles.open(dir, null, LoadProgress.NONE);
    }

    /** Compute threads of the Java engine of each server started from now on. */
    public void setEngineThreads(int threads) {
        engineThreads = threads;
    }

    public Model model() {
        return model;
    }

    public ModelEnds ends() {
        return new ModelEnds(model.manifest().config(), model.weights());
    }

    /** A node whose DHT knows the first node (the first one knows nobody). */
    public Node node() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        Host host = hosts.start(NodeKey.fromSeed(key.seed()), TestHosts.loopback());
        List<Multiaddr> bootPeers =
                boot == null ? List.of() : List.of(boot.host().listenAddresses().get(0));
        DhtEngine dht = new DhtEngine(host, key, DhtSettings.defaults(bootPeers), p -> true);
        host.registerHandler(Dht.PROTOCOL, dht.handler());
        closeables.add(dht);
        Node n = new Node(host, dht);
        if (boot == null) {
            boot = n;
        } else {
            dht.bootstrap().get(20, TimeUnit.SECONDS);
        }
        return n;
    }

    /** Real Java engines registered with a real block host. */
    public static EngineRegistry engines(BlockHostImpl[] hostOut, List<AutoCloseable> close) {
        return engines(hostOut, close, 1);
    }

    static EngineRegistry engines(BlockHostImpl[] hostOut, List<AutoCloseable> close, int threads) {
        EngineRegistry registry = new EngineRegistry();
        JavaEngine engine = new JavaEngine(threads, 2048L << 20);
        close.add(engine);
        registry.addEngine(engine, props("java", 10));
        hostOut[0] = new BlockHostImpl(registry);
        return registry;
    }

    public static Map<String, Object> props(String name, int priority) {
        return Map.of(EngineProperties.NAME, name, EngineProperties.DEVICE, "cpu", EngineProperties.PRIORITY, priority);
    }

    public Server server(BlockRange range) throws Exception {
        return server(range, ServerSettings.defaults(), p -> true);
    }

    /** A server whose per-peer quota allows {@code sessionsPerPeer} sessions (one client running many). */
    public Server server(BlockRange range, int sessionsPerPeer) throws Exception {
        return server(range, ServerSettings.defaults().withSessionsPerPeer(sessionsPerPeer), p -> true);
    }

    /** A node serving {@code range}, ONLINE and announced. */
    public Server server(BlockRange range, ServerSettings settings, Predicate<PeerId> admitted) throws Exception {
        Node n = node();
        BlockHostImpl[] bh = new BlockHostImpl[1];
        EngineRegistry registry = engines(bh, closeables, engineThreads);
        BlockServer server = BlockServer.host(
                bh[0], model.manifest(), model.weights(), range, settings, admitted, Clock.systemUTC());
        closeables.add(server);
        server.setState(ServerState.ONLINE);
        n.host()
                .registerHandler(
                        InferenceHandler.PROTOCOL,
                        new InferenceHandler(() -> server, Clock.systemUTC()),
                        settings.maxSessions());
        n.host()
                .registerHandler(
                        ForwardHandler.PROTOCOL,
                        new ForwardHandler(() -> server, n.host().identity()),
                        4);
        Announcer announcer = new Announcer(n.dht(), n.host(), SUBNET, server, "test", Duration.ofSeconds(60));
        announcer.setThroughput(new org.hypertensor.inference.net.internal.server.Throughput(100, 1000));
        announcer.announce(ServerState.ONLINE).get(20, TimeUnit.SECONDS);
        return new Server(n, server, registry, bh[0], announcer);
    }

    public ClientNetwork client(Node n, StakeCheck stake, ClientSettings settings) {
        return new ClientNetwork(
                n.host(), new ServerDirectory(n.dht(), stake, Duration.ofSeconds(10)), settings, Clock.systemUTC());
    }

    public DistributedGenerator generator(ClientNetwork net) {
        return new DistributedGenerator(net, SUBNET, model.manifest(), ends(), model.tokenizer());
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        hosts.close();
        model.close();
    }
}
