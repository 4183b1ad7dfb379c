package org.hypertensor.dht.internal.admission;

import java.util.Optional;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;

/**
 * {@link StakeLookup} over the ledger's head state: the staking module's proof of stake
 * ({@code network_proofOfStake}) in each subnet, and the epoch from the chain's {@code EpochLength}.
 */
public final class LedgerStakeLookup implements StakeLookup {

    private final Ledger ledger;

    public LedgerStakeLookup(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Long> stakedSubnet(String peerId) {
        return ledger.query(ctx -> {
            StakingRuntime staking = ctx.runtime(StakingRuntime.class);
            for (Subnet s : staking.subnets()) { // in subnet id order
                if (staking.proofOfStake(s.id(), peerId).staked()) {
                    return Optional.of(s.id());
                }
            }
            return Optional.<Long>empty();
        });
    }

    /** The epoch of block {@code number}: {@code number / EpochLength}. */
    public long epochOf(long number) {
        long length = ledger.query(ctx -> ctx.parameter("EpochLength"));
        return length <= 0 ? 0 : number / length;
    }
}
