package org.hypertensor.dht.api;

import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;

/**
 * A peer as the DHT knows it.
 *
 * @param peer its id
 * @param addresses where it listens (without {@code /p2p/}), as far as we know
 * @param bucket its k-bucket in our routing table (bits shared with our id), or -1 outside the table
 */
public record DhtPeer(PeerId peer, List<Multiaddr> addresses, int bucket) {
    public DhtPeer {
        addresses = List.copyOf(addresses);
    }
}
