package org.hypertensor.emissions.internal.module;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.emissions.internal.payout.ExcessDistribution;
import org.hypertensor.emissions.internal.payout.NodeRewards;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.staking.api.Compounded;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;

/**
 * Pays epoch {@code epoch} at its emissions block ({@code emissions.md}, "Rewards vault and epoch payout"):
 * rewardable stake per subnet in consensus, EDA weights, pots from the vault, per-node rewards compounded into
 * stake. What is not paid stays in the vault.
 */
final class PayoutProcessor {

    private final RuntimeContext ctx;
    private final StakingRuntime staking;
    private final ScoringRuntime consensus;

    PayoutProcessor(RuntimeContext ctx) {
        this.ctx = ctx;
        this.staking = ctx.runtime(StakingRuntime.class);
        this.consensus = ctx.runtime(ScoringRuntime.class);
    }

    /** A rewardable node as paid: the node and its consensus outcome. */
    private record Rewardable(SubnetNode node, BigInteger stake, long score) {}

    EpochPayout pay(long epoch) {
        BigInteger maxStake = ctx.amount("MaxStake");
        long cap = ctx.parameter("MaxSubnetRewardsBp");
        long stakeRewardBp = ctx.parameter("StakeRewardBp");
        BigInteger vault = ctx.balances().vault();
        List<String> notes = new ArrayList<>();
        TreeMap<Long, List<Rewardable>> bySubnet = new TreeMap<>();
        TreeMap<Long, BigInteger> stakes = new TreeMap<>();
        for (Subnet s : staking.subnets()) {
            Optional<EpochResult> r = consensus.result(s.id(), epoch);
            if (r.isEmpty() || !r.get().inConsensus()) {
                continue;
            }
            List<Rewardable> nodes = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            for (NodeOutcome o : r.get().nodes()) {
                if (!o.rewardable()) {
                    continue;
                }
                Optional<SubnetNode> n = staking.node(s.id(), o.account());
                if (n.isPresent()) {
                    BigInteger stake = n.get().stake().min(maxStake);
                    nodes.add(new Rewardable(n.get(), stake, o.score()));
                    total = total.add(stake);
                }
            }
            bySubnet.put(s.id(), nodes);
            stakes.put(s.id(), total);
        }
        BigInteger allStake = stakes.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        List<SubnetPayout> paid = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        if (stakes.isEmpty()) {
            notes.add("no subnet formed consensus in epoch " + epoch);
        } else if (allStake.signum() == 0) {
            notes.add("no rewardable stake in epoch " + epoch);
        } else if (vault.signum() == 0) {
            notes.add("the vault is empty");
        } else {
            ExcessDistribution.Outcome eda = ExcessDistribution.weights(stakes, cap);
            for (long id : eda.dropped()) {
                staking.addSubnetError(id);
                dropped.add(id);
                notes.add("subnet " + id + ": weight 0, one epoch error");
            }
            for (ExcessDistribution.Weight w : eda.weights()) {
                paid.add(paySubnet(w, bySubnet.get(w.subnet()), stakes.get(w.subnet()), vault, stakeRewardBp));
            }
        }
        return new EpochPayout(epoch, ctx.blockNumber(), vault, ctx.balances().vault(), paid, dropped, notes);
    }

    private SubnetPayout paySubnet(
            ExcessDistribution.Weight w,
            List<Rewardable> nodes,
            BigInteger stake,
            BigInteger vault,
            long stakeRewardBp) {
        BigInteger pot = NodeRewards.pot(vault, w.bp());
        List<NodeRewards.Share> shares = new ArrayList<>(nodes.size());
        nodes.forEach(n -> shares.add(new NodeRewards.Share(n.stake(), n.score())));
        List<BigInteger> rewards = NodeRewards.rewards(pot, shares, stakeRewardBp);
        List<NodeReward> out = new ArrayList<>(nodes.size());
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < nodes.size(); i++) {
            Rewardable n = nodes.get(i);
            BigInteger reward = rewards.get(i);
            Compounded c = staking.compoundReward(w.subnet(), n.node().account(), reward);
            total = total.add(reward);
            out.add(new NodeReward(
                    n.node().account(), n.node().peerId(), n.stake(), n.score(), reward, c.toStake(), c.toFree()));
        }
        return new SubnetPayout(w.subnet(), stake, w.bp(), pot, total, out);
    }
}
