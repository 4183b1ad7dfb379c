package org.hypertensor.p2p.internal.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;

/**
 * What we know about peers: addresses, protocols and agent from identify. Bounded: the least recently
 * updated peer is forgotten first. Thread-safe.
 */
public final class PeerStore {

    /** Known facts about one peer; immutable snapshot. */
    public record PeerRecord(
            List<Multiaddr> addresses, List<String> protocols, String agentVersion, String protocolVersion) {
        static final PeerRecord EMPTY = new PeerRecord(List.of(), List.of(), "", "");
    }

    private static final int MAX_ADDRESSES = 16;
    private final int capacity;
    private final Map<PeerId, PeerRecord> peers;

    public PeerStore(int capacity) {
        this.capacity = capacity;
        this.peers = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerId, PeerRecord> eldest) {
                return super.size() > PeerStore.this.capacity;
            }
        };
    }

    public synchronized PeerRecord get(PeerId peer) {
        return peers.getOrDefault(peer, PeerRecord.EMPTY);
    }

    public synchronized void addAddress(PeerId peer, Multiaddr address) {
        PeerRecord r = get(peer);
        Set<Multiaddr> addrs = new LinkedHashSet<>();
        addrs.add(address.withoutPeerId());
        addrs.addAll(r.addresses());
        peers.put(peer, new PeerRecord(trim(addrs), r.protocols(), r.agentVersion(), r.protocolVersion()));
    }

    public synchronized void identified(
            PeerId peer,
            List<Multiaddr> listenAddresses,
            List<String> protocols,
            String agentVersion,
            String protocolVersion) {
        PeerRecord r = get(peer);
        Set<Multiaddr> addrs = new LinkedHashSet<>();
        listenAddresses.forEach(a -> addrs.add(a.withoutPeerId()));
        addrs.addAll(r.addresses());
        peers.put(
                peer,
                new PeerRecord(
                        trim(addrs),
                        List.copyOf(protocols),
                        agentVersion == null ? r.agentVersion() : agentVersion,
                        protocolVersion == null ? r.protocolVersion() : protocolVersion));
    }

    public synchronized int size() {
        return peers.size();
    }

    private static List<Multiaddr> trim(Set<Multiaddr> addrs) {
        List<Multiaddr> out = new ArrayList<>(addrs);
        return List.copyOf(out.subList(0, Math.min(out.size(), MAX_ADDRESSES)));
    }
}
