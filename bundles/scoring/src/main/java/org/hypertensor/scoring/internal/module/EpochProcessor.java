package org.hypertensor.scoring.internal.module;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.scoring.internal.epoch.EpochConsensus;
import org.hypertensor.scoring.internal.epoch.EpochDecision;
import org.hypertensor.scoring.internal.epoch.EpochDecision.NodeDecision;
import org.hypertensor.scoring.internal.epoch.EpochInput;
import org.hypertensor.scoring.internal.epoch.EpochRules;
import org.hypertensor.staking.api.Removal;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes epoch {@code epoch} of every subnet, in id order, at the consensus block: reads the submissions,
 * decides ({@link EpochConsensus}), applies penalties, forgiveness and removals through staking, keeps the
 * subnet counters and stores the {@link EpochResult}.
 */
final class EpochProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EpochProcessor.class);

    private final RuntimeContext ctx;
    private final ScoringState state;
    private final StakingRuntime staking;
    private final EpochRules rules;
    private final long maxAccountPenalties;
    private final long maxSubnetEpochErrors;
    private final long subnetErrorForgiveEpochs;
    private final long epochLength;

    EpochProcessor(RuntimeContext ctx) {
        this.ctx = ctx;
        this.state = new ScoringState(ctx);
        this.staking = ctx.runtime(StakingRuntime.class);
        this.rules = EpochRules.of(ctx);
        this.maxAccountPenalties = ctx.parameter("MaxAccountPenalties");
        this.maxSubnetEpochErrors = ctx.parameter("MaxSubnetEpochErrors");
        this.subnetErrorForgiveEpochs = ctx.parameter("SubnetErrorForgiveEpochs");
        this.epochLength = ctx.parameter("EpochLength");
    }

    void closeEpoch(long epoch) {
        // an account removal in one subnet takes its nodes out of the later ones too: close() reads them afresh
        for (Subnet s : staking.subnets()) {
            EpochResult r = close(s, epoch);
            state.putResult(r);
            log(r);
        }
        state.clearSubmissions(); // what is left: subnets skipped or removed
        state.forgetRemovedSubnets(staking.subnets().stream().map(Subnet::id).toList());
    }

    /** INFO when something happened to a node or the subnet, DEBUG for a quiet epoch. */
    private static void log(EpochResult r) {
        long removed = r.nodes().stream().filter(NodeOutcome::removed).count();
        long penalized = r.nodes().stream().filter(o -> o.penalties() > 0).count();
        boolean quiet = r.status() == EpochStatus.CONSENSUS && removed == 0 && penalized == 0;
        if (quiet ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
            String line = "subnet " + r.subnet() + " epoch " + r.epoch() + ": " + r.status() + ", " + r.submissions()
                    + "/" + r.eligible() + " took part, " + penalized + " penalized, " + removed + " removed, errors "
                    + r.subnetErrors();
            if (quiet) {
                LOG.debug(line);
            } else {
                LOG.info(line);
            }
        }
    }

    private EpochResult close(Subnet subnet, long epoch) {
        long block = ctx.blockNumber();
        if (epoch * epochLength < subnet.submitFrom()) {
            return new EpochResult(
                    subnet.id(),
                    epoch,
                    block,
                    EpochStatus.TOO_YOUNG,
                    0,
                    0,
                    0,
                    subnet.errors(),
                    List.of(),
                    List.of("younger than SubnetSubmitEpochs: scores accepted from block " + subnet.submitFrom()));
        }
        if (subnet.errors() > maxSubnetEpochErrors) {
            return new EpochResult(
                    subnet.id(),
                    epoch,
                    block,
                    EpochStatus.TOO_MANY_ERRORS,
                    0,
                    0,
                    0,
                    subnet.errors(),
                    List.of(),
                    List.of(subnet.errors() + " errors, more than MaxSubnetEpochErrors = " + maxSubnetEpochErrors
                            + ": skipped, anyone may remove the subnet"));
        }
        List<SubnetNode> nodes = staking.nodes(subnet.id());
        TreeMap<byte[], Long> streaks = state.streaks(subnet.id());
        EpochInput input = input(subnet.id(), epoch, nodes, block, streaks);
        EpochDecision d = EpochConsensus.decide(input, rules);
        long[] counters = state.counters(subnet.id());
        long good = counters[1];
        List<String> notes = new ArrayList<>(d.notes);
        List<NodeOutcome> outcomes = new ArrayList<>();
        if (d.status != EpochStatus.CONSENSUS) {
            if (d.subnetError) {
                staking.addSubnetError(subnet.id());
            }
            good = 0;
            for (int i = 0; i < nodes.size(); i++) {
                outcomes.add(outcome(nodes.get(i), d.nodes.get(i), BigInteger.ZERO, false, List.of()));
            }
        } else {
            outcomes = apply(subnet.id(), nodes, d, streaks);
            state.putStreaks(subnet.id(), streaks);
            good++;
            if (subnetErrorForgiveEpochs > 0
                    && good % subnetErrorForgiveEpochs == 0
                    && staking.subnet(subnet.id()).map(Subnet::errors).orElse(0L) > 0) {
                staking.forgiveSubnetError(subnet.id());
                notes.add(good + " consecutive good epochs: one subnet error forgiven");
            }
        }
        state.putCounters(subnet.id(), d.consecutiveUnconfirmed, good);
        long errors = staking.subnet(subnet.id()).map(Subnet::errors).orElse(subnet.errors());
        return new EpochResult(
                subnet.id(), epoch, block, d.status, d.eligible, d.submissions, d.unconfirms, errors, outcomes, notes);
    }

    private EpochInput input(
            long subnet, long epoch, List<SubnetNode> nodes, long block, TreeMap<byte[], Long> streaks) {
        TreeMap<byte[], Integer> index = new TreeMap<>(Arrays::compareUnsigned);
        List<EpochInput.Member> members = new ArrayList<>(nodes.size());
        for (SubnetNode n : nodes) {
            index.put(n.account(), members.size());
            // N: nodes that could have submitted in the epoch just closed
            boolean submittable = block > n.submittableFrom();
            members.add(
                    new EpochInput.Member(n.account(), n.peerId(), submittable, streaks.getOrDefault(n.account(), 0L)));
        }
        List<EpochInput.Sub> subs = new ArrayList<>();
        for (ScoringState.Entry e : state.entries(subnet, epoch)) {
            state.deleteSubmission(subnet, epoch, e.account()); // read once, then cleared
            Integer member = index.get(e.account());
            if (member == null) {
                continue; // the submitter is no longer a node of the subnet
            }
            ScoringState.Stored s = e.stored();
            int[] judged = new int[s.nodes().size()];
            long[] scores = new long[s.nodes().size()];
            int k = 0;
            for (int i = 0; i < s.nodes().size(); i++) {
                Integer p = index.get(s.nodes().get(i));
                if (p != null) {
                    judged[k] = p;
                    scores[k++] = s.scores()[i];
                }
            }
            subs.add(new EpochInput.Sub(
                    member, s.submitted(), s.unconfirmed(), Arrays.copyOf(judged, k), Arrays.copyOf(scores, k)));
        }
        long consecutiveUnconfirmed = state.counters(subnet)[0];
        return new EpochInput(members, subs, consecutiveUnconfirmed);
    }

    private List<NodeOutcome> apply(
            long subnet, List<SubnetNode> nodes, EpochDecision d, TreeMap<byte[], Long> streaks) {
        streaks.clear(); // rebuilt for the nodes that stay
        int m = nodes.size();
        BigInteger[] slashed = new BigInteger[m];
        boolean[] removed = new boolean[m];
        List<List<String>> extra = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            NodeDecision nd = d.nodes.get(i);
            byte[] account = nodes.get(i).account();
            slashed[i] = BigInteger.ZERO;
            extra.add(new ArrayList<>());
            staking.addPenalties(account, nd.penalties);
            if (nd.forgive && staking.forgivePenalty(account)) {
                extra.get(i).add("one penalty forgiven after " + nd.streak + " consecutive good epochs");
            }
            if (nd.removed) {
                Removal r = staking.removeNode(subnet, account, true);
                slashed[i] = r.slashed();
                removed[i] = true;
            } else {
                streaks.put(account, nd.streak);
            }
        }
        // accounts over MaxAccountPenalties lose every node, in every subnet
        for (int i = 0; i < m; i++) {
            if (d.nodes.get(i).penalties == 0) {
                continue; // an account over the limit got there with a penalty: it was removed then
            }
            byte[] account = nodes.get(i).account();
            long penalties = staking.penalties(account);
            if (penalties > maxAccountPenalties
                    && (staking.stake(account).nodes().size() > 0)) {
                for (Removal r : staking.removeAccount(account)) {
                    if (r.subnet() == subnet) {
                        slashed[i] = slashed[i].add(r.slashed());
                        removed[i] = true;
                        streaks.remove(account);
                    }
                }
                extra.get(i)
                        .add("account removed from every subnet: " + penalties
                                + " penalties, more than MaxAccountPenalties = " + maxAccountPenalties);
            }
        }
        List<NodeOutcome> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(outcome(nodes.get(i), d.nodes.get(i), slashed[i], removed[i], extra.get(i)));
        }
        return out;
    }

    private static NodeOutcome outcome(
            SubnetNode n, NodeDecision nd, BigInteger slashed, boolean removed, List<String> extra) {
        List<String> reasons = new ArrayList<>(nd.reasons);
        reasons.addAll(extra);
        boolean gone = removed || nd.removed;
        return new NodeOutcome(
                n.account(),
                n.peerId(),
                nd.submittable,
                nd.submitted,
                nd.unconfirmed,
                nd.vouches,
                nd.omissions,
                nd.score,
                nd.rewardable() && !gone,
                nd.judged,
                nd.against,
                nd.penalties,
                nd.forgive && extra.stream().anyMatch(s -> s.startsWith("one penalty forgiven")),
                gone,
                slashed,
                reasons);
    }
}
