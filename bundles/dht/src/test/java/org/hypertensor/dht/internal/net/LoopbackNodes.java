package org.hypertensor.dht.internal.net;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.p2p.internal.identity.NodeKey;

/**
 * Real nodes in this JVM: each a p2p host (started by the p2p bundle's {@link TestHosts}, on a loopback
 * TCP port) with a {@link DhtEngine} serving the Kademlia protocol on it — the same objects the DS
 * components create. The only place the tests touch the p2p bundle's internals (to start hosts without a
 * container).
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

    private final TestHosts hosts = new TestHosts();
    private final List<Node> nodes = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    public Node start(List<Multiaddr> boot, Predicate<PeerId> admitted) throws Exception {
        return start(DhtSettings.defaults(boot), admitted);
    }

    public Node start(DhtSettings settings, Predicate<PeerId> admitted) throws Exception {
        // the host's key is the DHT's signing key, as in the node
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        Host host = hosts.start(NodeKey.fromSeed(key.seed()), TestHosts.loopback());
        DhtEngine dht = new DhtEngine(host, key, settings, admitted);
        host.registerHandler(Dht.PROTOCOL, dht.handler());
        Node n = new Node(host, dht, key);
        nodes.add(n);
        return n;
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.dht().close());
        hosts.close();
    }
}
