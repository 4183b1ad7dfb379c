package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import java.util.Map;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.staking.api.StakingQueries;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Connected peers split by stake, while p2p and the staking module both run: a peer is staked if it is a node
 * with stake in some subnet (the DHT's admission rule).
 */
@Component(immediate = true)
public final class StakedPeerMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public StakedPeerMetrics(
            @Reference NodeMetrics metrics, @Reference P2pNetwork network, @Reference StakingQueries staking) {
        this.metrics = metrics;
        this.collectors = List.of(metrics.gauges(
                "hypertensor_p2p_peers",
                "Connected peers by stake (staked: a node with stake in some subnet)",
                "stake",
                () -> {
                    long staked = 0;
                    List<PeerConnection> peers = network.connections();
                    for (PeerConnection c : peers) {
                        if (staking.proofOfStakeInAnySubnet(c.peer().toBase58()).isPresent()) {
                            staked++;
                        }
                    }
                    return Map.of("staked", staked, "unstaked", peers.size() - staked);
                }));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}
