package org.hypertensor.dht.internal.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;

/**
 * Addresses of peers learnt from DHT answers (closer peers, providers), merged with what the p2p host
 * knows from identify. Bounded, least recently used out first.
 */
public final class AddressBook {

    private static final int MAX_PEERS = 10_000;
    private static final int MAX_ADDRS = 8;

    private final P2pNetwork p2p;
    private final Map<PeerId, List<Multiaddr>> learnt = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, List<Multiaddr>> eldest) {
            return size() > MAX_PEERS;
        }
    };

    public AddressBook(P2pNetwork p2p) {
        this.p2p = p2p;
    }

    /** Remembers addresses (binary multiaddrs; malformed ones are skipped) of a peer. */
    public void learn(PeerId peer, List<byte[]> binaryAddrs) {
        List<Multiaddr> addrs = new ArrayList<>();
        for (byte[] b : binaryAddrs) {
            try {
                Multiaddr a = Multiaddr.fromBytes(b).withoutPeerId();
                a.toTcpSocketAddress(); // only TCP addresses can be dialed
                addrs.add(a);
            } catch (RuntimeException e) {
                // not an address we can use
            }
            if (addrs.size() == MAX_ADDRS) {
                break;
            }
        }
        if (!addrs.isEmpty()) {
            synchronized (learnt) {
                learnt.put(peer, List.copyOf(addrs));
            }
        }
    }

    /** What the p2p host knows, then what DHT answers told us; without {@code /p2p/}, no duplicates. */
    public List<Multiaddr> addresses(PeerId peer) {
        LinkedHashSet<Multiaddr> out = new LinkedHashSet<>();
        try {
            p2p.knownAddresses(peer).forEach(a -> out.add(a.withoutPeerId()));
        } catch (RuntimeException e) {
            // the host is going away
        }
        synchronized (learnt) {
            out.addAll(learnt.getOrDefault(peer, List.of()));
        }
        return List.copyOf(out);
    }

    public List<byte[]> binaryAddresses(PeerId peer) {
        return addresses(peer).stream().limit(MAX_ADDRS).map(Multiaddr::toBytes).toList();
    }
}
