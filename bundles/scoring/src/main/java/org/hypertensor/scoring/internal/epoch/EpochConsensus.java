package org.hypertensor.scoring.internal.epoch;

import java.util.List;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.internal.epoch.EpochDecision.NodeDecision;
import org.hypertensor.scoring.internal.epoch.EpochInput.Member;
import org.hypertensor.scoring.internal.epoch.EpochInput.Sub;
import org.hypertensor.scoring.internal.filter.InterquartileFilter;

/**
 * Steps 2–6 of "Forming consensus" ({@code staking-and-consensus.md}) for one subnet, as a pure function of
 * its {@link EpochInput}: quorum, unconfirm, inclusion, score honesty and duties. Steps 1 and 7 (age, error
 * counters) and applying the decision (penalties, removals, slashing) are the module's.
 */
public final class EpochConsensus {

    private EpochConsensus() {}

    public static EpochDecision decide(EpochInput in, EpochRules rules) {
        List<Member> members = in.members();
        int m = members.size();
        EpochDecision d = new EpochDecision();
        d.consecutiveUnconfirmed = in.consecutiveUnconfirmed();
        for (Member member : members) {
            NodeDecision nd = new NodeDecision();
            nd.submittable = member.submittable();
            nd.streak = member.streak();
            d.nodes.add(nd);
            if (member.submittable()) {
                d.eligible++;
            }
        }
        // who took part, and the judgements of each node: vouchers' scores and omitters
        int[] vouchCount = new int[m];
        int[] omitCount = new int[m];
        for (Sub s : in.submissions()) {
            NodeDecision nd = d.nodes.get(s.member());
            nd.submitted |= s.submitted();
            nd.unconfirmed |= s.unconfirmed();
            if (s.submitted()) {
                for (int i = 0; i < s.nodes().length; i++) {
                    if (s.scores()[i] > 0) {
                        vouchCount[s.nodes()[i]]++;
                    } else {
                        omitCount[s.nodes()[i]]++;
                    }
                }
            }
        }
        for (NodeDecision nd : d.nodes) {
            if (nd.participated()) {
                d.submissions++;
            }
            if (nd.unconfirmed) {
                d.unconfirms++;
            }
        }
        // 2. quorum
        if (d.eligible == 0 || d.submissions == 0 || d.submissions * 10_000 / d.eligible < rules.submitQuorumBp()) {
            d.status = EpochStatus.NO_QUORUM;
            d.subnetError = true;
            d.notes.add("no quorum: " + d.submissions + " of " + d.eligible + " submit-eligible nodes took part (need "
                    + rules.submitQuorumBp() + " bp)");
            return d;
        }
        // 3. unconfirm
        if (d.unconfirms * 10_000 / d.submissions >= rules.unconfirmThresholdBp()) {
            d.status = EpochStatus.UNCONFIRMED;
            d.consecutiveUnconfirmed++;
            d.notes.add("voided: " + d.unconfirms + " of " + d.submissions + " submitters unconfirmed ("
                    + d.consecutiveUnconfirmed + " in a row)");
            if (d.consecutiveUnconfirmed > rules.maxConsecutiveUnconfirmed()) {
                d.subnetError = true;
                d.notes.add("more than MaxConsecutiveUnconfirmed = " + rules.maxConsecutiveUnconfirmed()
                        + " voided epochs in a row: subnet error");
            }
            return d;
        }
        d.consecutiveUnconfirmed = 0;
        d.status = EpochStatus.CONSENSUS;
        // per node, the submissions that judged it (index into submissions, score)
        int[][] vouchSub = new int[m][];
        long[][] vouchScore = new long[m][];
        int[][] omitSub = new int[m][];
        for (int p = 0; p < m; p++) {
            vouchSub[p] = new int[vouchCount[p]];
            vouchScore[p] = new long[vouchCount[p]];
            omitSub[p] = new int[omitCount[p]];
        }
        int[] vi = new int[m];
        int[] oi = new int[m];
        for (Sub s : in.submissions()) {
            if (!s.submitted()) {
                continue;
            }
            d.nodes.get(s.member()).judged += s.nodes().length;
            for (int i = 0; i < s.nodes().length; i++) {
                int p = s.nodes()[i];
                if (s.scores()[i] > 0) {
                    vouchSub[p][vi[p]] = s.member();
                    vouchScore[p][vi[p]++] = s.scores()[i];
                } else {
                    omitSub[p][oi[p]++] = s.member();
                }
            }
        }
        for (int p = 0; p < m; p++) {
            NodeDecision nd = d.nodes.get(p);
            nd.vouches = vouchCount[p];
            nd.omissions = omitCount[p];
            long judged = vouchCount[p] + omitCount[p];
            if (judged == 0) {
                continue;
            }
            String peer = members.get(p).peerId();
            // 4. inclusion
            if (omitCount[p] * 10_000L / judged > rules.nodeRemovalBp()) {
                nd.removed = true;
                nd.reasons.add("removed: omitted by " + omitCount[p] + " of " + judged + " evaluators (more than "
                        + rules.nodeRemovalBp() + " bp)");
                for (int v : vouchSub[p]) {
                    against(d, v, "vouched for " + peer + ", which most evaluators omitted");
                }
                continue;
            }
            for (int o : omitSub[p]) {
                against(d, o, "omitted " + peer + ", which " + vouchCount[p] + " of " + judged + " evaluators scored");
            }
            // 5. score honesty against the filtered average
            InterquartileFilter.Result f = InterquartileFilter.filter(vouchScore[p]);
            long avg = f.average();
            if (nd.participated()) {
                nd.score = avg;
            } else {
                nd.reasons.add("not rewardable: scored " + avg + " but neither submitted nor unconfirmed");
            }
            long delta = avg * rules.maxOutlierDeltaBp() / 10_000;
            for (int i = 0; i < vouchSub[p].length; i++) {
                long s = vouchScore[p][i];
                if (Math.abs(s - avg) > delta) {
                    against(
                            d,
                            vouchSub[p][i],
                            "scored " + peer + " " + s + ", filtered average " + avg + ", allowed delta " + delta);
                }
            }
        }
        // 6. duties
        for (int s = 0; s < m; s++) {
            NodeDecision nd = d.nodes.get(s);
            if (!nd.submittable || nd.removed) {
                continue;
            }
            if (nd.judged > 0 && nd.against * 10_000 / nd.judged >= rules.againstConsensusRemovalBp()) {
                nd.removed = true;
                nd.reasons.add("removed: " + nd.against + " of " + nd.judged
                        + " judgements against consensus (at least " + rules.againstConsensusRemovalBp() + " bp)");
            }
            if (!nd.participated()) {
                nd.penalize("penalty: neither submitted nor unconfirmed");
                nd.streak = 0;
            } else if (nd.penalties > 0) {
                nd.streak = 0;
            } else {
                nd.streak++;
                if (rules.penaltyForgiveEpochs() > 0 && nd.streak % rules.penaltyForgiveEpochs() == 0) {
                    nd.forgive = true;
                }
            }
        }
        return d;
    }

    private static void against(EpochDecision d, int member, String reason) {
        NodeDecision nd = d.nodes.get(member);
        nd.against++;
        nd.penalize("penalty: " + reason);
    }
}
