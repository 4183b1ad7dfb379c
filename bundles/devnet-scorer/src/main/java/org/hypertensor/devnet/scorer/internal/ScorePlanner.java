package org.hypertensor.devnet.scorer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.api.Submission;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;

/**
 * What the devnet scorer submits after a head: once per epoch, as soon as the next block is in the submission
 * window, a {@code submit_scores} for each configured key that is a submittable node of a scoreable subnet, with
 * the same score for every included node of that subnet. Plain logic over the head state, no OSGi; not
 * thread-safe (one caller, the scorer's thread).
 */
public final class ScorePlanner {

    /** One score set to sign with {@code key}. */
    public record Planned(Ed25519KeyPair key, long subnet, Call call) {}

    /** The score sets for {@code epoch}. */
    public record Round(long epoch, List<Planned> submissions) {}

    private final List<Ed25519KeyPair> keys;
    private final long score;
    private long lastEpoch = -1;

    public ScorePlanner(List<Ed25519KeyPair> keys, long score) {
        if (score < 1 || score > 10_000) {
            throw new IllegalArgumentException("score must be 1..10000, not " + score);
        }
        this.keys = List.copyOf(keys);
        this.score = score;
    }

    /**
     * @param head a query context at the head; the calls are meant for the next block
     * @return the round to submit now, empty when nothing is due (outside the window, epoch already done,
     *         no key eligible yet)
     */
    public Optional<Round> plan(RuntimeContext head) {
        long next = head.blockNumber() + 1;
        long length = head.parameter("EpochLength");
        long epoch = Epochs.epochOf(next, length);
        // keep the epoch's last block as a margin: a call pooled then could land in the next epoch and fail
        if (epoch == lastEpoch
                || !Epochs.inSubmissionWindow(next, length, head.parameter("ExitWindowBp"))
                || Epochs.offset(next, length) == length - 1) {
            return Optional.empty();
        }
        StakingRuntime staking = head.runtime(StakingRuntime.class);
        ScoringRuntime consensus = head.runtime(ScoringRuntime.class);
        long minNodes = head.parameter("MinNodes");
        List<Planned> out = new ArrayList<>();
        for (Subnet subnet : staking.subnets()) {
            if (next < subnet.submitFrom()) {
                continue;
            }
            List<SubnetNode> nodes = staking.nodes(subnet.id());
            if (nodes.stream()
                            .filter(n -> n.classAt(next) == NodeClass.SUBMITTABLE)
                            .count()
                    < minNodes) {
                continue;
            }
            List<ScoreEntry> entries = nodes.stream()
                    .filter(n -> n.classAt(next).atLeast(NodeClass.INCLUDED))
                    .map(n -> new ScoreEntry(n.peerId(), score))
                    .toList();
            List<Submission> done = consensus.submissions(subnet.id(), epoch);
            for (Ed25519KeyPair key : keys) {
                boolean submittable = nodes.stream()
                        .anyMatch(n -> Arrays.equals(n.account(), key.publicKey())
                                && n.classAt(next) == NodeClass.SUBMITTABLE);
                boolean submitted =
                        done.stream().anyMatch(s -> s.submitted() && Arrays.equals(s.account(), key.publicKey()));
                if (submittable && !submitted) {
                    out.add(new Planned(key, subnet.id(), ScoringCalls.submitScores(subnet.id(), entries)));
                }
            }
        }
        if (out.isEmpty()) {
            return Optional.empty();
        }
        lastEpoch = epoch;
        return Optional.of(new Round(epoch, List.copyOf(out)));
    }
}
