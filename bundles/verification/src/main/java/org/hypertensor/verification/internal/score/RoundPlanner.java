package org.hypertensor.verification.internal.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;

/**
 * What the chain at the head says this node must verify: each subnet in which its account is a submittable node
 * of a subnet old and large enough to score, the epoch of the next block, the nodes to score (included ones) and
 * whether scores may be submitted now. Plain logic over the head state.
 */
public final class RoundPlanner {

    /**
     * @param included peer ids of the subnet's included nodes, sorted (this node's too)
     * @param submitNow the next block is in the epoch's submission window, and not its last block (a call pooled
     *     then could land in the next epoch and fail)
     * @param submitted this account's scores are already recorded for the epoch
     * @param epochStart the next block is the epoch's first or second (r = 0 or 1): when a round may begin, so
     *     that every prober reads the subnet's announcements at the same moment
     */
    public record Plan(
            long subnet,
            long epoch,
            String model,
            List<String> included,
            boolean submitNow,
            boolean submitted,
            long epochMillis,
            boolean epochStart) {}

    private RoundPlanner() {}

    public static List<Plan> plan(RuntimeContext head, byte[] account, long blockTimeMs) {
        long next = head.blockNumber() + 1;
        long length = head.parameter("EpochLength");
        long epoch = Epochs.epochOf(next, length);
        boolean window = Epochs.inSubmissionWindow(next, length, head.parameter("ExitWindowBp"))
                && Epochs.offset(next, length) != length - 1;
        StakingRuntime staking = head.runtime(StakingRuntime.class);
        ScoringRuntime consensus = head.runtime(ScoringRuntime.class);
        long minNodes = head.parameter("MinNodes");
        List<Plan> out = new ArrayList<>();
        for (Subnet subnet : staking.subnets()) {
            Optional<SubnetNode> mine = staking.node(subnet.id(), account);
            if (next < subnet.submitFrom() || mine.isEmpty() || mine.get().classAt(next) != NodeClass.SUBMITTABLE) {
                continue;
            }
            List<SubnetNode> nodes = staking.nodes(subnet.id());
            if (nodes.stream()
                            .filter(n -> n.classAt(next) == NodeClass.SUBMITTABLE)
                            .count()
                    < minNodes) {
                continue;
            }
            TreeSet<String> included = new TreeSet<>();
            nodes.stream()
                    .filter(n -> n.classAt(next).atLeast(NodeClass.INCLUDED))
                    .forEach(n -> included.add(n.peerId()));
            boolean submitted = consensus.submissions(subnet.id(), epoch).stream()
                    .anyMatch(s -> s.submitted() && Arrays.equals(s.account(), account));
            out.add(new Plan(
                    subnet.id(),
                    epoch,
                    subnet.model(),
                    List.copyOf(included),
                    window,
                    submitted,
                    length * blockTimeMs,
                    Epochs.offset(next, length) <= 1));
        }
        return out;
    }
}
