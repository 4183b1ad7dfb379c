package org.hypertensor.dht.internal.net;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.HostConfig;
import org.hypertensor.p2p.internal.identity.NodeKey;

/**
 * Real nodes in this JVM: each a p2p host (the p2p bundle's, on a loopback TCP port) with a
 * {@link DhtEngine} serving the Kademlia protocol on it — the same objects the DS components create.
 * The only place the tests touch the p2p bundle's internals (to start hosts without a container).
 */
public final class LoopbackNodes implements AutoCloseable {

    public record Node(Host host, DhtEngine dht, Ed25519KeyPair key) {
        public PeerId peer() {
            return host.localPeerId();
        }

        public Multiaddr address() {
            return host.listenAddresses().get(0);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    public Node start(List<Multiaddr> boot, Predicate<PeerId> admitted) throws Exception {
        return start(DhtSettings.defaults(boot), admitted);
    }

    public Node start(DhtSettings settings, Predicate<PeerId> admitted) throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        Host host = new Host(NodeKey.fromSeed(key.seed()), HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        host.start();
        DhtEngine dht = new DhtEngine(host, key, settings, admitted);
        host.registerHandler(Dht.PROTOCOL, dht.handler());
        Node n = new Node(host, dht, key);
        nodes.add(n);
        return n;
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.dht().close();
            n.host().close();
        }
    }
}
