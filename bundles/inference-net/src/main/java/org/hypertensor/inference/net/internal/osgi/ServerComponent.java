package org.hypertensor.inference.net.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ServerDirectory;
import org.hypertensor.inference.net.internal.server.Announcer;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.Drain;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.server.InferenceHandler;
import org.hypertensor.inference.net.internal.server.RangePlanner;
import org.hypertensor.inference.net.internal.server.ServerSettings;
import org.hypertensor.inference.net.internal.server.Throughput;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's inference server: opens the subnet's model, checks this node is staked in the subnet, hosts its
 * configured blocks (or the weakest window, chosen after a random delay and re-checked periodically),
 * measures its throughput, serves the inference and forward protocols and announces its blocks in the DHT.
 * The start runs on a thread of its own and logs its progress.
 */
@Component(
        service = ServerComponent.class,
        immediate = true,
        configurationPid = ServerConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = {
            @Reference(
                    name = ServerComponent.STAKING,
                    service = org.hypertensor.staking.api.StakingQueries.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = ServerComponent.ADMISSION,
                    service = PeerAdmission.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY)
        })
@Designate(ocd = ServerConfig.class)
public final class ServerComponent {

    static final String STAKING = "staking";
    static final String ADMISSION = "admission";
    private static final Logger LOG = LoggerFactory.getLogger(ServerComponent.class);
    static final int STAKE_RECHECK_SECONDS = 10;

    private final P2pNetwork p2p;
    private final Dht dht;
    private final BlockHost blockHost;
    private final ModelRepository models;
    private final NodeInfo node;
    private final ServerConfig config;
    private final BundleContext context;
    private final ChainStake stake;
    private final ScheduledExecutorService timer;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile Model model;
    /** Servers of ranges left behind by a move, until their last session is over. */
    private final java.util.Set<BlockServer> draining = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile BlockServer server;
    private volatile Announcer announcer;
    private volatile String status = "starting";
    private volatile boolean stopped;

    @Activate
    public ServerComponent(
            @Reference P2pNetwork p2p,
            @Reference Dht dht,
            @Reference BlockHost blockHost,
            @Reference ModelRepository models,
            @Reference NodeInfo node,
            ComponentContext component,
            ServerConfig config) {
        this.p2p = p2p;
        this.dht = dht;
        this.blockHost = blockHost;
        this.models = models;
        this.node = node;
        this.config = config;
        this.context = component.getBundleContext();
        this.stake =
                new ChainStake(() -> locate(component, STAKING), () -> (PeerAdmission) locate(component, ADMISSION));
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("inference-server"));
        if (!config.enabled()) {
            status = "disabled (enabled = false)";
            return;
        }
        timer.execute(this::start);
    }

    private static Object locate(ComponentContext c, String name) {
        try {
            return c.locateService(name);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** One line: what the server is doing. */
    public String status() {
        return status;
    }

    /** The server, once its blocks are hosted (null before, or when not serving). */
    public BlockServer server() {
        return server;
    }

    /** Servers of ranges this node moved away from, still finishing their sessions. */
    public java.util.List<BlockServer> draining() {
        return java.util.List.copyOf(draining);
    }

    public long subnet() {
        return config.subnet();
    }

    private void start() {
        try {
            if (!stake.staked(config.subnet(), p2p.localPeerId())) {
                // the chain (or the DHT's admission) may not be up yet, or the stake may come later
                String why = "not serving: peer " + p2p.localPeerId() + " has no proof of stake in subnet "
                        + config.subnet() + " (checked again every " + STAKE_RECHECK_SECONDS + " s)";
                if (!why.equals(status)) {
                    LOG.error("Inference server {}", why);
                }
                status = why;
                timer.schedule(this::start, STAKE_RECHECK_SECONDS, TimeUnit.SECONDS);
                return;
            }
            generateIfMissing();
            status = "opening model " + config.model();
            Model m = models.open(config.model(), progress("Verifying model " + config.model()));
            model = m;
            int layers = m.manifest().config().numLayers();
            BlockRange range = chooseRange(layers);
            if (stopped) {
                return;
            }
            status = "loading blocks " + range;
            LOG.info(
                    "Inference server: hosting blocks {} of {} ({} of subnet {})",
                    range,
                    m.manifest().name(),
                    m.manifest().shortId(),
                    config.subnet());
            BlockServer s = BlockServer.host(
                    blockHost,
                    m.manifest(),
                    m.weights(),
                    range,
                    settings(),
                    p -> stake.staked(config.subnet(), p),
                    Clock.systemUTC());
            server = s;
            Announcer a = new Announcer(
                    dht, p2p, config.subnet(), s, node.version(), Duration.ofSeconds(config.announce_seconds()));
            announcer = a;
            a.announce(ServerState.JOINING);
            status = "measuring throughput";
            LOG.info("Inference server: measuring throughput of blocks {}", range);
            Throughput t = s.measure((done, total) -> status = "measuring throughput: " + done + "/" + total);
            a.setThroughput(t);
            LOG.info(String.format(
                    Locale.ROOT,
                    "Inference server: %.1f steps/s and %.0f forward tokens/s per block on %s (%s)",
                    t.stepsPerSecond(),
                    t.forwardTokensPerSecond(),
                    s.engine(),
                    s.device()));
            register(s);
            s.setState(ServerState.ONLINE);
            a.start(timer);
            status = "serving blocks " + range;
            if (config.blocks().isBlank() && config.recheck_minutes() > 0) {
                timer.scheduleWithFixedDelay(
                        this::recheck, config.recheck_minutes(), config.recheck_minutes(), TimeUnit.MINUTES);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Inference server stopping before it started");
        } catch (RuntimeException e) {
            status = "failed: " + e.getMessage();
            LOG.error("Inference server not started: {}", e.getMessage());
        }
    }

    private void generateIfMissing() {
        String size = config.model_generate_size().trim();
        boolean named = config.model().matches("[A-Za-z0-9._-]+");
        if (!size.isEmpty()
                && named
                && !java.nio.file.Files.exists(
                        models.root().resolve(config.model()).resolve("manifest.json"))) {
            status = "generating model " + config.model() + " (" + size + ")";
            LOG.info("Inference server: model {} missing; generating it ({}, seed 42)", config.model(), size);
            models.generate(config.model(), size, 42, progress("Generating model " + config.model()));
        }
    }

    private BlockRange chooseRange(int layers) {
        if (!config.blocks().isBlank()) {
            BlockRange r = BlockRange.parse(config.blocks().trim());
            r.checkWithin(layers);
            return r;
        }
        int size = config.blocks_count() <= 0 ? layers : Math.min(layers, config.blocks_count());
        if (size < layers && config.join_delay_max_seconds() > 0) {
            long delay = ThreadLocalRandom.current().nextLong(config.join_delay_max_seconds() * 1000L + 1);
            status = "waiting " + delay + " ms before choosing blocks";
            try {
                Thread.sleep(delay); // spread servers that start together, so they see each other's choices
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return RangePlanner.choose(layers, size, announcements(layers), p2p.localPeerId());
    }

    private List<BlockAnnouncement> announcements(int layers) {
        return new ServerDirectory(dht, stake, Duration.ofSeconds(10)).servers(config.subnet(), layers);
    }

    /** Moves to a weaker window when that pays (never leaving a block uncovered): re-hosts and re-announces. */
    private void recheck() {
        BlockServer s = server;
        Announcer a = announcer;
        Model m = model;
        if (s == null || a == null || m == null || stopped) {
            return;
        }
        int layers = m.manifest().config().numLayers();
        BlockRange target = RangePlanner.move(
                layers,
                s.range(),
                a.announcement(ServerState.ONLINE).throughput(),
                announcements(layers),
                p2p.localPeerId(),
                config.move_factor());
        if (target == null) {
            return;
        }
        LOG.info("Inference server: moving from blocks {} to {} (the weakest blocks)", s.range(), target);
        BlockServer next = BlockServer.host(
                blockHost,
                m.manifest(),
                m.weights(),
                target,
                settings(),
                p -> stake.staked(config.subnet(), p),
                Clock.systemUTC());
        Announcer na = new Announcer(
                dht, p2p, config.subnet(), next, node.version(), Duration.ofSeconds(config.announce_seconds()));
        na.setThroughput(next.measure((d, t) -> {}));
        next.setState(ServerState.ONLINE);
        server = next; // new sessions go to the new range
        announcer = na;
        na.start(timer);
        a.close(); // OFFLINE for the old blocks: clients open new sessions elsewhere
        draining.add(s); // its open sessions finish there, then its blocks are unhosted
        Drain.retire(s, timer, Duration.ofSeconds(5), Clock.systemUTC()).thenRun(() -> draining.remove(s));
        status = "serving blocks " + target;
    }

    private ServerSettings settings() {
        return new ServerSettings(
                (long) config.cache_max_mb() << 20,
                config.sessions_per_peer(),
                config.max_sessions(),
                Duration.ofSeconds(config.step_gap_seconds()),
                Duration.ofMinutes(config.session_minutes()),
                config.max_tensor_tokens());
    }

    private void register(BlockServer s) {
        Hashtable<String, Object> inference = new Hashtable<>();
        inference.put(ProtocolHandler.PROTOCOL, InferenceHandler.PROTOCOL);
        inference.put(ProtocolHandler.THREADS, config.max_sessions());
        registrations.add(context.registerService(
                ProtocolHandler.class, new InferenceHandler(() -> server, Clock.systemUTC()), inference));
        Hashtable<String, Object> forward = new Hashtable<>();
        forward.put(ProtocolHandler.PROTOCOL, ForwardHandler.PROTOCOL);
        forward.put(ProtocolHandler.THREADS, 4);
        registrations.add(context.registerService(
                ProtocolHandler.class, new ForwardHandler(() -> server, p2p.identity()), forward));
    }

    private static LoadProgress progress(String what) {
        return (stage, done, total) -> {
            if (done == total) {
                LOG.info("{}: {} done", what, stage);
            }
        };
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        Announcer a = announcer;
        if (a != null) {
            a.close(); // OFFLINE
        }
        BlockServer s = server;
        if (s != null) {
            s.close();
        }
        draining.forEach(BlockServer::close);
        Model m = model;
        if (m != null) {
            m.close();
        }
    }
}
