package org.hypertensor.staking.internal.query;

import java.util.List;
import java.util.Optional;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.staking.api.ProofOfStake;
import org.hypertensor.staking.api.StakeInfo;
import org.hypertensor.staking.api.StakingQueries;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.api.Unbonding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link StakingQueries} over the ledger's head state. */
@Component(service = StakingQueries.class, immediate = true)
public final class StakingQueryService implements StakingQueries {

    private final Ledger ledger;

    @Activate
    public StakingQueryService(@Reference Ledger ledger) {
        this.ledger = ledger;
    }

    private <T> T read(java.util.function.Function<StakingRuntime, T> f) {
        return ledger.query(ctx -> f.apply(ctx.runtime(StakingRuntime.class)));
    }

    @Override
    public long block() {
        return ledger.head().number();
    }

    @Override
    public List<Subnet> subnets() {
        return read(StakingRuntime::subnets);
    }

    @Override
    public Optional<Subnet> subnet(long id) {
        return read(s -> s.subnet(id));
    }

    @Override
    public List<SubnetNode> nodes(long subnet) {
        return read(s -> {
            if (s.subnet(subnet).isEmpty()) {
                throw new IllegalArgumentException("no subnet " + subnet);
            }
            return s.nodes(subnet);
        });
    }

    @Override
    public StakeInfo stake(byte[] account) {
        return read(s -> s.stake(account));
    }

    @Override
    public List<Unbonding> unbondingQueue() {
        return read(StakingRuntime::unbondingQueue);
    }

    @Override
    public Optional<ProofOfStake> proofOfStakeInAnySubnet(String peerId) {
        return read(s -> s.subnets().stream()
                .map(sub -> s.proofOfStake(sub.id(), peerId))
                .filter(ProofOfStake::staked)
                .findFirst());
    }

    @Override
    public ProofOfStake proofOfStake(long subnet, String peerId) {
        return read(s -> s.proofOfStake(subnet, peerId));
    }
}
