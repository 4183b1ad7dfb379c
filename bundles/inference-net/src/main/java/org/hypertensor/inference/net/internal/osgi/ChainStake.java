package org.hypertensor.inference.net.internal.osgi;

import java.util.function.Supplier;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.inference.net.internal.client.StakeCheck;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.staking.api.StakingQueries;

/**
 * Proof of stake from the chain: the staking module's answer for the subnet when it is installed, else the
 * DHT's admission (staked in some subnet); with neither, nobody.
 */
final class ChainStake implements StakeCheck {

    private final Supplier<Object> staking;
    private final Supplier<PeerAdmission> admission;

    /** {@code staking} gives a StakingQueries or null (typed Object: the staking API is optional). */
    ChainStake(Supplier<Object> staking, Supplier<PeerAdmission> admission) {
        this.staking = staking;
        this.admission = admission;
    }

    @Override
    public boolean staked(long subnet, PeerId peer) {
        Object s = staking.get();
        if (s != null) {
            return ((StakingQueries) s).proofOfStake(subnet, peer.toBase58()).staked();
        }
        PeerAdmission a = admission.get();
        return a != null && a.check(peer).admitted();
    }

    /** The subnet's name, or null without the staking module. */
    String subnetName(long subnet) {
        Object s = staking.get();
        return s == null
                ? null
                : ((StakingQueries) s).subnet(subnet).map(x -> x.name()).orElse(null);
    }
}
