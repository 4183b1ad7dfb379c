package org.hypertensor.p2p.internal.osgi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code p2p:} shell commands. */
@Component(
        service = P2pCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=p2p", "osgi.command.function=id", "osgi.command.function=peers",
            "osgi.command.function=connect", "osgi.command.function=disconnect", "osgi.command.function=ping",
            "osgi.command.function=topics", "osgi.command.function=publish", "osgi.command.function=subscribe",
            "osgi.command.function=messages"
        })
public final class P2pCommands {

    private static final Logger LOG = LoggerFactory.getLogger(P2pCommands.class);
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(15);
    private final P2pNetwork network;
    private final PubSub pubsub;
    private static final int KEEP_MESSAGES = 100;
    private final Map<String, PubSub.Subscription> shellSubscriptions = new ConcurrentHashMap<>();
    private final ArrayDeque<String[]> received = new ArrayDeque<>();

    @Activate
    public P2pCommands(@Reference P2pNetwork network, @Reference PubSub pubsub) {
        this.network = network;
        this.pubsub = pubsub;
    }

    @Deactivate
    void deactivate() {
        shellSubscriptions.values().forEach(PubSub.Subscription::close);
    }

    @Descriptor("this node's peer id and listen addresses")
    public Table id() {
        Table t = Table.properties().row("peer id", network.localPeerId());
        for (Multiaddr a : network.listenAddresses()) {
            t.row("listening", a);
        }
        if (network instanceof Host h) {
            int[] held = h.slotsHeld();
            t.row(
                    "connection slots",
                    held[0] + " of " + h.config().maxConnections() + " taken, " + held[1] + " of "
                            + Math.min(h.config().maxConnections(), h.config().maxUnstaked())
                            + " by unstaked inbound peers");
        }
        return t;
    }

    @Descriptor("connected peers")
    public Table peers() {
        Table t = Table.of("PEER", "ADDRESS", "DIRECTION", "STREAMS", "AGENT", "PROTOCOLS");
        for (PeerConnection c : network.connections()) {
            t.row(
                    c.peer(),
                    c.remoteAddress(),
                    c.outbound() ? "out" : "in",
                    c.openStreams(),
                    c.agentVersion().isEmpty() ? "-" : c.agentVersion(),
                    c.protocols().size());
        }
        return t;
    }

    @Descriptor("connect to a peer, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...")
    public String connect(@Descriptor("multiaddr") String address) {
        Multiaddr a = parse(address);
        PeerId peer = await(network.connect(a), "connect to " + a);
        return "connected to " + peer;
    }

    @Descriptor("close every connection to a peer")
    public String disconnect(@Descriptor("peer id") String peer) {
        PeerId id = peerId(peer);
        if (!network.isConnected(id)) {
            throw new CommandError("not connected to " + id);
        }
        network.disconnect(id);
        return "disconnected from " + id;
    }

    @Descriptor("ping a connected peer (/ipfs/ping/1.0.0) a few times")
    public Table ping(@Descriptor("peer id") String peer) {
        PeerId id = peerId(peer);
        Table t = Table.of("#", "RTT (ms)");
        for (int i = 1; i <= 3; i++) {
            Duration d = await(network.ping(id), "ping " + id);
            t.row(i, String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6));
        }
        return t;
    }

    @Descriptor("gossip topics we are subscribed to, with their mesh and subscribed peers")
    public Table topics() {
        Table t = Table.of("TOPIC", "MESH PEERS", "TOPIC PEERS");
        for (String topic : pubsub.topics()) {
            t.row(
                    topic,
                    pubsub.meshPeers(topic).size(),
                    pubsub.topicPeers(topic).size());
        }
        return t;
    }

    @Descriptor("publish a text message on a gossip topic")
    public String publish(@Descriptor("topic") String topic, @Descriptor("text") String text) {
        try {
            int peers = pubsub.topicPeers(topic).size();
            await(pubsub.publish(topic, text.getBytes(StandardCharsets.UTF_8)), "publish");
            return "published " + text.length() + " characters on " + topic + " to " + peers + " peer(s)";
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    @Descriptor("subscribe to a gossip topic from the shell; p2p:messages lists what arrives")
    public String subscribe(@Descriptor("topic") String topic) {
        try {
            if (shellSubscriptions.containsKey(topic)) {
                return "already subscribed to " + topic;
            }
            shellSubscriptions.put(topic, pubsub.subscribe(topic, m -> {
                String text = new String(m.data(), StandardCharsets.UTF_8);
                LOG.info("Gossip on {} from {}: {}", m.topic(), m.from(), text);
                synchronized (received) {
                    received.addLast(new String[] {
                        LocalTime.now().withNano(0).toString(),
                        m.topic(),
                        m.from().toString(),
                        text
                    });
                    if (received.size() > KEEP_MESSAGES) {
                        received.removeFirst();
                    }
                }
            }));
            return "subscribed to " + topic + "; p2p:messages shows what arrives";
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    @Descriptor("the last messages received on topics subscribed with p2p:subscribe")
    public Table messages() {
        Table t = Table.of("TIME", "TOPIC", "FROM", "TEXT");
        synchronized (received) {
            received.forEach(r -> t.row((Object[]) r));
        }
        return t;
    }

    private static Multiaddr parse(String address) {
        try {
            return Multiaddr.parse(address);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private static PeerId peerId(String text) {
        return Commands.parse(text, PeerId::parse);
    }

    private static <T> T await(Future<T> f, String what) {
        return Commands.await(f, WAIT, what);
    }
}
