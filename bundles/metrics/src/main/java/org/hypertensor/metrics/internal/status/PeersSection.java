package org.hypertensor.metrics.internal.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;

/**
 * The connected peers, and which of them are staked nodes (when staking runs: a peer is staked if it is a
 * node with stake in some subnet, the DHT's admission rule).
 */
final class PeersSection {

    private PeersSection() {}

    /** @param staking the StakingQueries service, or null when the chain modules are not installed */
    static Map<String, Object> read(Object service, Object staking) {
        P2pNetwork network = (P2pNetwork) service;
        List<Map<String, Object>> peers = new ArrayList<>();
        int staked = 0;
        for (PeerConnection c : network.connections()) {
            Map<String, Object> p = new LinkedHashMap<>();
            String id = c.peer().toBase58();
            p.put("peer", id);
            p.put("address", c.remoteAddress().toString());
            p.put("direction", c.outbound() ? "out" : "in");
            p.put("agent", c.agentVersion());
            if (staking != null) {
                boolean s = StakeLookup.staked(staking, id);
                p.put("staked", s);
                staked += s ? 1 : 0;
            }
            peers.add(p);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("self", network.localPeerId().toBase58());
        m.put("connected", peers.size());
        m.put("staked", staking == null ? null : staked);
        m.put("unstaked", staking == null ? null : peers.size() - staked);
        m.put("list", peers);
        return m;
    }
}
