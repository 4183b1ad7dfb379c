package org.hypertensor.emissions.internal.rpc;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetEpochReport;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.staking.api.ProofOfStake;
import org.hypertensor.staking.api.StakeInfo;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.api.Unbonding;

/**
 * The JSON shapes of the {@code network_*} methods ({@code rpc.md}): accounts SS58, amounts decimal strings in
 * base units, enums lower case; ordered maps so the member order is stable.
 */
final class NetworkViews {

    private NetworkViews() {}

    static Map<String, Object> subnet(Subnet s, List<SubnetNode> nodes, long block) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("model", s.model());
        out.put("owner", s.owner() == null ? null : Accounts.format(s.owner()));
        out.put("registeredAt", s.registeredAt());
        out.put("submitFrom", s.submitFrom());
        out.put("activated", s.activated());
        out.put("errors", s.errors());
        out.put("nodes", nodes.size());
        out.put(
                "submittableNodes",
                nodes.stream()
                        .filter(n -> n.classAt(block).name().equals("SUBMITTABLE"))
                        .count());
        out.put("stake", amount(nodes.stream().map(SubnetNode::stake).reduce(BigInteger.ZERO, BigInteger::add)));
        return out;
    }

    static Map<String, Object> node(SubnetNode n, long block) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subnet", n.subnet());
        out.put("account", Accounts.format(n.account()));
        out.put("peerId", n.peerId());
        out.put("multiaddr", n.multiaddr());
        out.put("stake", amount(n.stake()));
        out.put("class", n.classAt(block).name().toLowerCase());
        out.put("registeredAt", n.registeredAt());
        out.put("includedFrom", n.includedFrom());
        out.put("submittableFrom", n.submittableFrom());
        return out;
    }

    static Map<String, Object> stake(StakeInfo s, long block) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", Accounts.format(s.account()));
        out.put("bonded", amount(s.bonded()));
        out.put("unbonding", amount(s.unbondingTotal()));
        out.put("penalties", s.penalties());
        out.put("nodes", s.nodes().stream().map(n -> node(n, block)).toList());
        out.put(
                "unbondingEntries",
                s.unbonding().stream().map(NetworkViews::unbonding).toList());
        return out;
    }

    private static Map<String, Object> unbonding(Unbonding u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subnet", u.subnet());
        out.put("amount", amount(u.amount()));
        out.put("releaseAt", u.releaseAt());
        return out;
    }

    static Map<String, Object> proof(ProofOfStake p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subnet", p.subnet());
        out.put("peerId", p.peerId());
        out.put("staked", p.staked());
        out.put("account", p.account() == null ? null : Accounts.format(p.account()));
        out.put("stake", p.stake() == null ? null : amount(p.stake()));
        out.put("class", p.nodeClass() == null ? null : p.nodeClass().name().toLowerCase());
        out.put("block", p.block());
        return out;
    }

    static Map<String, Object> epochReport(SubnetEpochReport report) {
        EpochResult r = report.result();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subnet", r.subnet());
        out.put("epoch", r.epoch());
        out.put("block", r.block());
        out.put("status", r.status().name().toLowerCase());
        out.put("eligible", r.eligible());
        out.put("submissions", r.submissions());
        out.put("unconfirms", r.unconfirms());
        out.put("subnetErrors", r.subnetErrors());
        out.put("notes", r.notes());
        out.put("nodes", r.nodes().stream().map(NetworkViews::outcome).toList());
        out.put("payout", report.payout() == null ? null : payout(report.payout()));
        out.put("payoutNotes", report.payoutNotes());
        return out;
    }

    private static Map<String, Object> outcome(NodeOutcome n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", Accounts.format(n.account()));
        out.put("peerId", n.peerId());
        out.put("submittable", n.submittable());
        out.put("submitted", n.submitted());
        out.put("unconfirmed", n.unconfirmed());
        out.put("vouches", n.vouches());
        out.put("omissions", n.omissions());
        out.put("score", n.score());
        out.put("rewardable", n.rewardable());
        out.put("judged", n.judged());
        out.put("against", n.against());
        out.put("penalties", n.penalties());
        out.put("forgiven", n.forgiven());
        out.put("removed", n.removed());
        out.put("slashed", amount(n.slashed()));
        out.put("reasons", n.reasons());
        return out;
    }

    private static Map<String, Object> payout(SubnetPayout p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stake", amount(p.stake()));
        out.put("weightBp", p.weightBp());
        out.put("pot", amount(p.pot()));
        out.put("paid", amount(p.paid()));
        out.put("nodes", p.nodes().stream().map(NetworkViews::reward).toList());
        return out;
    }

    private static Map<String, Object> reward(NodeReward n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", Accounts.format(n.account()));
        out.put("peerId", n.peerId());
        out.put("stake", amount(n.stake()));
        out.put("score", n.score());
        out.put("reward", amount(n.reward()));
        out.put("toStake", amount(n.toStake()));
        out.put("toFree", amount(n.toFree()));
        return out;
    }

    private static String amount(BigInteger value) {
        return value == null ? null : value.toString();
    }
}
