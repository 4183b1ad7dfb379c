package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.staking.api.SubnetNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four honest nodes for several epochs: no penalties, rewards by the formula, compounding, vault carry-over. */
class AllHonestScenarioTest {

    @TempDir
    Path dir;

    @Test
    void honestSubnetIsPaidByTheFormula() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of())) {
            // epochs 0 and 1: the subnet is too young, nothing is paid; the vault fills from the subsidy
            net.produceTo(20);
            assertEquals(EpochStatus.TOO_YOUNG, net.result(1).status());
            assertTrue(net.vault().signum() > 0);
            long[] scores = {5000, 5000, 3000, 2000};
            for (int round = 0; round < 4; round++) {
                net.toSubmissionWindow();
                List<byte[]> hashes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    hashes.add(net.submitScores(i, scores));
                }
                net.produceTo(net.head() + 1);
                for (byte[] h : hashes) {
                    TestNetwork.assertSuccess(net.chain().receipt(h));
                    assertEquals(BigInteger.ZERO, net.chain().receipt(h).fee(), "a successful submission is free");
                }
                List<SubnetNode> before = net.staking(s -> s.nodes(SUBNET));
                long epoch = net.closeEpoch();
                EpochResult r = net.result(epoch);
                assertEquals(EpochStatus.CONSENSUS, r.status());
                assertEquals(4, r.eligible());
                for (NodeOutcome o : r.nodes()) {
                    assertEquals(0, o.penalties(), o.reasons().toString());
                    assertTrue(o.rewardable());
                    assertTrue(o.reasons().isEmpty());
                }
                assertEquals(List.of(5000L, 5000L, 3000L, 2000L), scoresByPeer(r));
                EpochPayout p = net.payout(epoch);
                assertEquals(1, p.subnets().size());
                SubnetPayout sp = p.subnets().get(0);
                assertEquals(10_000, sp.weightBp(), "one subnet alone gets 10000");
                assertEquals(p.vaultBefore(), sp.pot());
                // rewards by the formula, exactly: pot × (4000·stake·ΣScore + 6000·score·ΣStake) /
                // (10000·ΣStake·ΣScore)
                BigInteger sumStake = before.stream().map(SubnetNode::stake).reduce(BigInteger.ZERO, BigInteger::add);
                BigInteger sumScore = BigInteger.valueOf(15_000);
                BigInteger paid = BigInteger.ZERO;
                for (NodeReward nr : sp.nodes()) {
                    SubnetNode n = before.stream()
                            .filter(x -> x.peerId().equals(nr.peerId()))
                            .findFirst()
                            .orElseThrow();
                    BigInteger expected = sp.pot()
                            .multiply(BigInteger.valueOf(4000)
                                    .multiply(n.stake())
                                    .multiply(sumScore)
                                    .add(BigInteger.valueOf(6000)
                                            .multiply(BigInteger.valueOf(nr.score()))
                                            .multiply(sumStake)))
                            .divide(BigInteger.valueOf(10_000)
                                    .multiply(sumStake)
                                    .multiply(sumScore));
                    assertEquals(expected, nr.reward(), nr.peerId());
                    assertEquals(nr.reward(), nr.toStake(), "compounded into stake below MaxStake");
                    BigInteger after = net.staking(
                            s -> s.nodeByPeer(SUBNET, nr.peerId()).orElseThrow().stake());
                    assertEquals(n.stake().add(nr.reward()), after);
                    paid = paid.add(nr.reward());
                }
                assertEquals(paid, sp.paid());
                // what was not paid stays in the vault (then the block's own subsidy share is added)
                assertEquals(p.vaultBefore().subtract(paid), p.vaultAfter());
                assertTrue(
                        p.vaultAfter().signum() >= 0 && p.vaultAfter().compareTo(BigInteger.valueOf(4)) <= 0,
                        "only rounding dust (< 1 base unit per node) is carried over: " + p.vaultAfter());
            }
        }
    }

    private static List<Long> scoresByPeer(EpochResult r) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String peer = TestNetwork.peer(i);
            out.add(r.nodes().stream()
                    .filter(o -> o.peerId().equals(peer))
                    .findFirst()
                    .orElseThrow()
                    .score());
        }
        return out;
    }
}
