package org.hypertensor.p2p.internal.osgi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.p2p.api.AdmissionHook;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.StakedPeers;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.HostConfig;
import org.hypertensor.p2p.internal.identity.IdentitySelector;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's libp2p host and gossip router, configured by {@code org.hypertensor.p2p}. Registers them as
 * {@link P2pNetwork} and {@link PubSub}; serves the {@link ProtocolHandler} services of other bundles and
 * consults their {@link AdmissionHook}s; keeps dialing the boot peers. The identity key is
 * {@code data/p2p/identity.key}, created on first start, or a development key ({@code identity.dev.uri})
 * unless a ledger says the chain is not a dev chain.
 */
@Component(
        immediate = true,
        configurationPid = P2pConfig.PID,
        service = {})
@Designate(ocd = P2pConfig.class)
public final class P2pNode {

    private static final Logger LOG = LoggerFactory.getLogger(P2pNode.class);

    private final Map<ProtocolHandler, List<String>> handlers = new ConcurrentHashMap<>();
    private final Map<ProtocolHandler, Integer> threads = new ConcurrentHashMap<>();
    private final List<AdmissionHook> hooks = new CopyOnWriteArrayList<>();
    private final List<StakedPeers> stakedPeers = new CopyOnWriteArrayList<>();
    private volatile Host host;
    private GossipRouter router;
    private ScheduledExecutorService bootDialer;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public P2pNode(
            @Reference NodeInfo node,
            ComponentContext component,
            P2pConfig config,
            // The ledger's chain marker (its properties say whether the chain is dev), referenced by its
            // property so that p2p does not import the ledger. Greedy: a ledger registered later restarts
            // the host, which then checks its chain before using a dev identity.
            @Reference(
                            service = Object.class,
                            target = "(" + LedgerChain.DEV + "=*)",
                            cardinality = ReferenceCardinality.OPTIONAL,
                            policyOption = ReferencePolicyOption.GREEDY)
                    Map<String, Object> chain)
            throws IOException {
        BundleContext context = component.getBundleContext();
        NodeKey key = IdentitySelector.select(
                config.identity_dev_uri(),
                LedgerChain.of(chain),
                node.dataDir().resolve("p2p").resolve("identity.key"));
        HostConfig hc = new HostConfig(
                parseAddresses(config.listen(), "listen"),
                "hypertensor/" + node.version(),
                config.max_connections(),
                config.connections_unstaked_max(),
                Duration.ofSeconds(config.connections_unstaked_idle_seconds()),
                config.max_streams(),
                config.stream_window_bytes(),
                Duration.ofSeconds(config.stream_timeout_seconds()),
                Duration.ofSeconds(config.dial_timeout_seconds()),
                Duration.ofSeconds(config.idle_timeout_seconds()),
                config.io_threads(),
                config.handler_threads());
        List<Multiaddr> boot = parseAddresses(config.boot_peers(), "boot.peers");
        Host h = new Host(key, hc);
        hooks.forEach(h::addAdmissionHook);
        h.setStakedPeers(firstStaked());
        h.start();
        host = h;
        handlers.forEach((handler, protocols) -> register(h, handler, protocols));
        router = new GossipRouter(
                h,
                GossipConfig.defaults()
                        .withLimits(
                                config.gossip_max_message_bytes(),
                                config.gossip_max_invalid(),
                                Duration.ofMinutes(config.ban_minutes())));
        router.start();
        registrations.add(context.registerService(P2pNetwork.class, h, null));
        registrations.add(context.registerService(PubSub.class, router, null));
        bootDialer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("p2p-boot-dialer"));
        if (!boot.isEmpty()) {
            bootDialer.scheduleWithFixedDelay(
                    () -> dialBootPeers(h, boot), 0, config.boot_redial_seconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        bootDialer.shutdownNow();
        router.close();
        host.close();
        host = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindHandler(ProtocolHandler handler, Map<String, Object> props) {
        List<String> protocols = protocolsOf(props.get(ProtocolHandler.PROTOCOL));
        if (protocols.isEmpty()) {
            LOG.warn("A ProtocolHandler service without the {} property is ignored", ProtocolHandler.PROTOCOL);
            return;
        }
        Object t = props.get(ProtocolHandler.THREADS);
        if (t instanceof Integer n && n >= 0 && n <= 4096) {
            threads.put(handler, n);
        } else if (t != null) {
            LOG.warn(
                    "ProtocolHandler of {}: {} = {} is not an Integer in 0..4096; using handler.threads",
                    protocols,
                    ProtocolHandler.THREADS,
                    t);
        }
        handlers.put(handler, protocols);
        Host h = host;
        if (h != null) {
            register(h, handler, protocols);
        }
    }

    private void register(Host h, ProtocolHandler handler, List<String> protocols) {
        int n = threads.getOrDefault(handler, h.config().handlerThreads());
        protocols.forEach(p -> h.registerHandler(p, handler, n));
    }

    void unbindHandler(ProtocolHandler handler) {
        threads.remove(handler);
        List<String> protocols = handlers.remove(handler);
        Host h = host;
        if (h != null && protocols != null) {
            protocols.forEach(p -> h.unregisterHandler(p, handler));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAdmission(AdmissionHook hook) {
        hooks.add(hook);
        Host h = host;
        if (h != null) {
            h.addAdmissionHook(hook);
        }
    }

    void unbindAdmission(AdmissionHook hook) {
        hooks.remove(hook);
        Host h = host;
        if (h != null) {
            h.removeAdmissionHook(hook);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindStaked(StakedPeers staked) {
        stakedPeers.add(staked);
        Host h = host;
        if (h != null) {
            h.setStakedPeers(firstStaked());
        }
    }

    void unbindStaked(StakedPeers staked) {
        stakedPeers.remove(staked);
        Host h = host;
        if (h != null) {
            h.setStakedPeers(firstStaked());
        }
    }

    private StakedPeers firstStaked() {
        return stakedPeers.stream().findFirst().orElse(null);
    }

    private static void dialBootPeers(Host h, List<Multiaddr> boot) {
        for (Multiaddr a : boot) {
            PeerId id = a.peerId().orElse(null);
            if (id != null && (h.isConnected(id) || id.equals(h.localPeerId()))) {
                continue;
            }
            h.connect(a).whenComplete((p, e) -> {
                if (e == null) {
                    LOG.info("Connected to boot peer {}", p);
                } else {
                    LOG.debug("Boot peer {} not reachable: {}", a, e.getMessage());
                }
            });
        }
    }

    static List<String> protocolsOf(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return List.copyOf(Arrays.asList(a));
        }
        return List.of();
    }

    /** Parses a comma- or space-separated list of multiaddrs; a bad one is skipped with one log line. */
    static List<Multiaddr> parseAddresses(String text, String key) {
        List<Multiaddr> out = new ArrayList<>();
        for (String s : text.split("[,\\s]+")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                out.add(Multiaddr.parse(s));
            } catch (IllegalArgumentException e) {
                LOG.warn("Config {}: skipping '{}': {}", key, s, e.getMessage());
            }
        }
        return out;
    }
}
