package org.hypertensor.scoring.internal.module;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;

/** {@code submit_scores} and {@code unconfirm_scores}, with every eligibility check. */
final class ScoreCallHandler {

    static final long MIN_SCORE = 1;
    static final long MAX_SCORE = 10_000;
    static final int MAX_ENTRIES = 1024;

    private final CallContext ctx;
    private final StakingRuntime staking;
    private final ScoringState state;
    private final long block;
    private final long epochLength;

    ScoreCallHandler(CallContext ctx) {
        this.ctx = ctx;
        this.staking = ctx.runtime(StakingRuntime.class);
        this.state = new ScoringState(ctx);
        this.block = ctx.blockNumber();
        this.epochLength = ctx.parameter("EpochLength");
    }

    void dispatch(String function, Decoder in) {
        switch (function) {
            case "submit_scores" -> submit(in.u32(), in.list(MAX_ENTRIES, d -> new ScoreEntry(d.text(64), d.u32())));
            case "unconfirm_scores" -> unconfirm(in.u32());
            default -> throw new ModuleError("UnknownCall", "consensus has no function " + function);
        }
    }

    private void submit(long subnetId, List<ScoreEntry> entries) {
        byte[] account = ctx.ensureSigned();
        List<SubnetNode> nodes = eligible(subnetId, account);
        long epoch = Epochs.epochOf(block, epochLength);
        ScoringState.Stored old = state.submission(subnetId, epoch, account);
        if (old.submitted()) {
            throw new ModuleError("AlreadySubmitted", "this node already submitted scores in epoch " + epoch);
        }
        if (entries.isEmpty()) {
            throw new ModuleError("NoEntries", "a submission needs at least one score");
        }
        if (entries.size() > nodes.size()) {
            throw new ModuleError(
                    "TooManyEntries", entries.size() + " scores for a subnet of " + nodes.size() + " nodes");
        }
        TreeMap<String, Long> first = new TreeMap<>();
        for (ScoreEntry e : entries) {
            if (e.score() < MIN_SCORE || e.score() > MAX_SCORE) {
                throw new ModuleError(
                        "InvalidScore", "score " + e.score() + " for " + e.peerId() + " is outside 1..10000");
            }
            first.putIfAbsent(e.peerId(), e.score());
        }
        List<byte[]> judged = new ArrayList<>();
        List<Long> scores = new ArrayList<>();
        for (SubnetNode n : nodes) {
            if (n.classAt(block).atLeast(NodeClass.INCLUDED)) {
                judged.add(n.account());
                scores.add(first.getOrDefault(n.peerId(), 0L));
            }
        }
        long[] s = scores.stream().mapToLong(Long::longValue).toArray();
        state.putSubmission(subnetId, epoch, account, new ScoringState.Stored(true, old.unconfirmed(), judged, s));
    }

    private void unconfirm(long subnetId) {
        byte[] account = ctx.ensureSigned();
        eligible(subnetId, account);
        long epoch = Epochs.epochOf(block, epochLength);
        ScoringState.Stored old = state.submission(subnetId, epoch, account);
        if (old.unconfirmed()) {
            throw new ModuleError("AlreadyUnconfirmed", "this node already unconfirmed epoch " + epoch);
        }
        state.putSubmission(
                subnetId, epoch, account, new ScoringState.Stored(old.submitted(), true, old.nodes(), old.scores()));
    }

    /** The subnet's nodes, once the caller may submit now. */
    private List<SubnetNode> eligible(long subnetId, byte[] account) {
        Subnet subnet =
                staking.subnet(subnetId).orElseThrow(() -> new ModuleError("NoSuchSubnet", "no subnet " + subnetId));
        long exitWindowBp = ctx.parameter("ExitWindowBp");
        if (!Epochs.inSubmissionWindow(block, epochLength, exitWindowBp)) {
            throw new ModuleError(
                    "OutsideSubmissionWindow",
                    "scores are accepted from r = "
                            + (Math.max(2, Epochs.exitWindowEnd(epochLength, exitWindowBp) + 1))
                            + " of each epoch; now r = "
                            + Epochs.offset(block, epochLength));
        }
        if (block < subnet.submitFrom()) {
            throw new ModuleError(
                    "SubnetTooYoung", "subnet " + subnetId + " accepts scores from block " + subnet.submitFrom());
        }
        SubnetNode self = staking.node(subnetId, account)
                .orElseThrow(() -> new ModuleError("NotRegistered", "the account has no node in subnet " + subnetId));
        if (self.classAt(block) != NodeClass.SUBMITTABLE) {
            throw new ModuleError("NotSubmittable", "the node may submit from block " + self.submittableFrom());
        }
        List<SubnetNode> nodes = staking.nodes(subnetId);
        long submittable = nodes.stream()
                .filter(n -> n.classAt(block) == NodeClass.SUBMITTABLE)
                .count();
        long minNodes = ctx.parameter("MinNodes");
        if (submittable < minNodes) {
            throw new ModuleError(
                    "NotEnoughNodes",
                    "subnet " + subnetId + " has " + submittable + " submittable nodes, fewer than MinNodes = "
                            + minNodes);
        }
        return nodes;
    }
}
