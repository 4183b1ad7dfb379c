package org.hypertensor.verification.internal;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.internal.net.DhtEngine;
import org.hypertensor.dht.internal.net.DhtSettings;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ForwardCaller;
import org.hypertensor.inference.net.internal.client.ServerDirectory;
import org.hypertensor.inference.net.internal.server.Announcer;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.server.ServerSettings;
import org.hypertensor.inference.net.internal.server.Throughput;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerService;
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
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.internal.module.StakingModule;
import org.hypertensor.verification.internal.score.EpochVerifier;

/**
 * A subnet of real nodes on loopback, on a real chain: node {@code i} is account {@code //Ni} (genesis node of
 * subnet 1, 1,000 TENSOR) with the p2p identity {@code //Ni//p2p}; it serves its blocks of the devnet model
 * (small, seed 42) on a Java engine behind a {@link PerturbingEngine}, announces them in the DHT, and runs an
 * {@link EpochVerifier} that probes the others and submits to the chain (LocalChain: executive, pool, Derby;
 * devnet parameters, epochs of 10 blocks). Blocks are produced on demand; every verifier sees every head.
 */
public final class LoopbackSubnet implements AutoCloseable {

    public static final long SUBNET = 1;
    public static final long L = 10;

    /** One node: its host, server, engine and verifier. */
    public record Member(
            int index,
            Ed25519KeyPair account,
            Host host,
            BlockServer server,
            PerturbingEngine engine,
            Announcer announcer,
            EpochVerifier verifier) {
        public String peer() {
            return host.localPeerId().toBase58();
        }
    }

    private final TestHosts hosts = new TestHosts();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Model model;
    private final LocalChain chain;

    public LoopbackSubnet(Path dir, List<BlockRange> ranges, EpochVerifier.Settings settings) throws Exception {
        Path modelDir = dir.resolve("models/devnet");
        if (!Files.exists(modelDir.resolve("manifest.json"))) {
            ModelGenerator.generate(modelDir, "devnet", ModelSize.SMALL, 42, LoadProgress.NONE);
        }
        model = ModelFiles.open(modelDir, null, LoadProgress.NONE);
        chain = LocalChain.builder()
                .spec(spec(ranges.size(), model.manifest().id()))
                .modules(new StakingModule(), new ScoringModule(), new EmissionsModule())
                .directory(dir.resolve("chain"))
                .open();
        LedgerService ledger = new LedgerService(chain.chain(), () -> "test");
        // blocks are produced on demand with timestamps a block time apart: the verifiers' clock is the head's time
        Clock chainTime = new HeadClock(chain);
        Multiaddr boot = null;
        for (int i = 0; i < ranges.size(); i++) {
            Ed25519KeyPair p2pKey = DevKeys.derive("//N" + i + "//p2p");
            Host host = hosts.start(NodeKey.fromSeed(p2pKey.seed()), TestHosts.loopback());
            DhtEngine dht = new DhtEngine(
                    host, p2pKey, DhtSettings.defaults(boot == null ? List.of() : List.of(boot)), p -> true);
            host.registerHandler(Dht.PROTOCOL, dht.handler());
            closeables.add(dht);
            if (boot == null) {
                boot = host.listenAddresses().get(0);
            } else {
                dht.bootstrap().get(20, TimeUnit.SECONDS);
            }
            EngineRegistry registry = new EngineRegistry();
            JavaEngine java = new JavaEngine(1, 512L << 20);
            closeables.add(java);
            PerturbingEngine engine = new PerturbingEngine(java, 1e-2f);
            registry.addEngine(
                    engine,
                    Map.of(
                            EngineProperties.NAME,
                            "java",
                            EngineProperties.DEVICE,
                            "cpu",
                            EngineProperties.PRIORITY,
                            10));
            BlockHostImpl blockHost = new BlockHostImpl(registry);
            BlockServer server = BlockServer.host(
                    blockHost,
                    model.manifest(),
                    model.weights(),
                    ranges.get(i),
                    ServerSettings.defaults(),
                    p -> true,
                    Clock.systemUTC());
            closeables.add(server);
            server.setState(ServerState.ONLINE);
            host.registerHandler(ForwardHandler.PROTOCOL, new ForwardHandler(() -> server, host.identity()), 8);
            Announcer announcer = new Announcer(dht, host, SUBNET, server, "test", Duration.ofSeconds(60));
            announcer.setThroughput(new Throughput(100, 1000));
            announcer.announce(ServerState.ONLINE).get(20, TimeUnit.SECONDS);
            ServerDirectory directory = new ServerDirectory(dht, (subnet, peer) -> true, Duration.ofSeconds(10));
            int blocks = model.manifest().config().numLayers();
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
            EpochVerifier verifier = new EpochVerifier(
                    ledger,
                    subnet -> directory.servers(subnet, blocks),
                    new ForwardCaller(host),
                    host,
                    blockHost,
                    id -> Optional.of(model).filter(m -> m.manifest().id().equals(id)),
                    DevKeys.derive("//N" + i),
                    settings,
                    chainTime,
                    executor);
            closeables.add(() -> {
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
                verifier.close();
            });
            members.add(new Member(i, DevKeys.derive("//N" + i), host, server, engine, announcer, verifier));
        }
    }

    static String peerOf(int i) {
        return PeerId.fromEd25519(DevKeys.derive("//N" + i + "//p2p").publicKey())
                .toBase58();
    }

    /** The devnet's parameters (config/etc/chain-devnet.json) for {@code nodes} genesis nodes serving {@code model}. */
    static String spec(int nodes, String model) {
        StringBuilder accounts = new StringBuilder();
        StringBuilder genesis = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            accounts.append(",\n{\"account\": \"//N").append(i).append("\", \"free\": \"1000000 TENSOR\"}");
            genesis.append(i == 0 ? "" : ",\n")
                    .append("{\"account\": \"//N")
                    .append(i)
                    .append("\", \"peer_id\": \"")
                    .append(peerOf(i))
                    .append("\", \"multiaddr\": \"/ip4/127.0.0.1/tcp/")
                    .append(40000 + i)
                    .append("\", \"stake\": \"1000 TENSOR\"}");
        }
        return """
                {
                  "name": "verification test", "id": "verification-test", "dev": true, "blockTimeMs": 1000,
                  "modules": [
                    {"name": "balances", "version": 1}, {"name": "subsidy", "version": 1}, {"name": "sudo", "version": 1},
                    {"name": "staking", "version": 1}, {"name": "consensus", "version": 1}, {"name": "emissions", "version": 1}
                  ],
                  "parameters": {
                    "BaseFee": "0.001 TENSOR", "LengthFee": "1000000000000 base",
                    "EpochLength": 10, "SubnetSubmitEpochs": 2, "NodeInclusionEpochs": 1, "NodeSubmitEpochs": 2,
                    "UnbondingEpochs": 2, "MinNodes": 3, "MaxNodes": 96, "MaxSubnets": 8,
                    "MinStake": "1000 TENSOR", "MaxStake": "280000 TENSOR", "SubnetRegistrationFeePerNode": "0 TENSOR",
                    "ExitWindowBp": 2000, "SubmitQuorumBp": 5100, "UnconfirmThresholdBp": 5100,
                    "MaxConsecutiveUnconfirmed": 2, "MaxOutlierDeltaBp": 100, "NodeRemovalBp": 7500,
                    "AgainstConsensusRemovalBp": 2500, "MaxAccountPenalties": 12, "PenaltyForgiveEpochs": 10,
                    "MaxSubnetEpochErrors": 100, "SubnetErrorForgiveEpochs": 10, "SlashBp": 500,
                    "MaxSubnetRewardsBp": 4800, "StakeRewardBp": 4000
                  },
                  "validators": ["//Alice"],
                  "sudo": "//Alice",
                  "genesis": {
                    "balances": {"accounts": [{"account": "//Alice", "free": "1000000 TENSOR"}%s]},
                    "staking": {"subnets": [{"name": "test", "model": "%s", "nodes": [
                %s
                    ]}]}
                  }
                }
                """.formatted(accounts, model, genesis);
    }

    public List<Member> members() {
        return members;
    }

    public Member member(int i) {
        return members.get(i);
    }

    public Model model() {
        return model;
    }

    public LocalChain chain() {
        return chain;
    }

    public long head() {
        return chain.head().number();
    }

    /** Produces blocks up to {@code block}; every verifier sees each new head. */
    public void produceTo(long block) {
        while (head() < block) {
            chain.produceBlock();
            chain.assertInvariants();
            BlockInfo head = chain.head();
            members.forEach(m -> m.verifier().newHead(head));
        }
    }

    /** Stops (or resumes) serving: the server's state, announced. */
    void serving(int i, boolean on) throws Exception {
        Member m = members.get(i);
        ServerState s = on ? ServerState.ONLINE : ServerState.OFFLINE;
        m.server().setState(s);
        m.announcer().announce(s).get(20, TimeUnit.SECONDS);
    }

    public EpochResult result(long epoch) {
        return chain.query(ctx -> ctx.runtime(ScoringRuntime.class).result(SUBNET, epoch))
                .orElseThrow();
    }

    public EpochPayout payout(long epoch) {
        return chain.query(ctx -> ctx.runtime(EmissionsRuntime.class).payout(epoch))
                .orElseThrow();
    }

    BigInteger parameterStakeRewardBp() {
        return BigInteger.valueOf(chain.query(ctx -> ctx.parameter("StakeRewardBp")));
    }

    /** Waits for {@code condition}, failing with {@code what} after {@code deadline}. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
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
        chain.close();
        model.close();
    }

    /** The time of the chain's head: what a node in step with the chain sees. */
    private static final class HeadClock extends Clock {
        private final LocalChain chain;

        HeadClock(LocalChain chain) {
            this.chain = chain;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(chain.head().timestamp());
        }
    }
}
