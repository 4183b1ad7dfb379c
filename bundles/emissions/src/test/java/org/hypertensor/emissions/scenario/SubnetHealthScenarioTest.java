package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.hypertensor.emissions.scenario.TestNetwork.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.staking.api.StakingCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voided epochs, subnet errors and the removal of a failing subnet. */
class SubnetHealthScenarioTest {

    @TempDir
    Path dir;

    @Test
    void unconfirmMajorityVoidsEpochsThenCountsErrors() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, Map.of())) {
            for (int epoch = 2; epoch <= 5; epoch++) {
                net.toSubmissionWindow();
                byte[] s = net.submitScores(0, all(3, 5000));
                byte[] u1 = net.unconfirm(1);
                byte[] u2 = net.unconfirm(2);
                Receipt r1 = net.include(u1);
                TestNetwork.assertSuccess(r1);
                assertEquals(BigInteger.ZERO, r1.fee());
                TestNetwork.assertSuccess(net.chain().receipt(s));
                TestNetwork.assertSuccess(net.chain().receipt(u2));
                if (epoch == 2) {
                    Receipt again = net.run(
                            TestNetwork.key(1), org.hypertensor.scoring.api.ScoringCalls.unconfirmScores(SUBNET));
                    assertEquals("AlreadyUnconfirmed", again.error());
                    assertTrue(again.fee().signum() > 0, "a failed submission pays its fee");
                }
                net.closeEpoch();
                EpochResult r = net.result(epoch);
                assertEquals(EpochStatus.UNCONFIRMED, r.status());
                assertEquals(2, r.unconfirms());
                // MaxConsecutiveUnconfirmed = 2: the third voided epoch in a row is an error, and each after it
                assertEquals(Math.max(0, epoch - 3), r.subnetErrors(), r.notes().toString());
                assertTrue(net.payout(epoch).subnets().isEmpty());
                assertTrue(r.nodes().stream().allMatch(o -> o.penalties() == 0));
            }
        }
    }

    @Test
    void subnetWithTooManyErrorsIsRemovedAndItsStakeUnbonds() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, Map.of("MaxSubnetEpochErrors", 2))) {
            net.produceTo(41); // epochs 2 and 3 closed without quorum: 2 errors
            assertEquals(EpochStatus.NO_QUORUM, net.result(2).status());
            assertEquals(
                    2L, (long) net.staking(s -> s.subnet(SUBNET).orElseThrow().errors()));
            Receipt early = net.run(TestNetwork.key(0), StakingCalls.removeSubnet(SUBNET));
            assertEquals("SubnetNotRemovable", early.error(), early.message());
            net.produceTo(51);
            assertEquals(
                    3L, (long) net.staking(s -> s.subnet(SUBNET).orElseThrow().errors()));
            byte[] account = TestNetwork.key(1).publicKey();
            BigInteger stake =
                    net.staking(s -> s.node(SUBNET, account).orElseThrow().stake());
            TestNetwork.assertSuccess(net.run(TestNetwork.key(2), StakingCalls.removeSubnet(SUBNET)));
            assertTrue(net.staking(s -> s.subnet(SUBNET)).isEmpty());
            assertEquals(stake, net.staking(s -> s.stake(account)).unbondingTotal(), "removed without slashing");
            assertEquals(stake, net.chain().account(account).reserved());
            assertEquals(TENSOR.multiply(BigInteger.valueOf(1000)), stake);
            net.produceTo(62); // no subnet left: epochs close and pay nothing
            assertTrue(net.payout(5).subnets().isEmpty());
        }
    }

    /** Good epochs take errors and penalties away: SubnetErrorForgiveEpochs and PenaltyForgiveEpochs at 2. */
    @Test
    void goodEpochsForgiveSubnetErrorsAndPenalties() throws Exception {
        try (TestNetwork net =
                TestNetwork.open(dir, 3, Map.of("SubnetErrorForgiveEpochs", 2, "PenaltyForgiveEpochs", 2))) {
            net.produceTo(41); // epochs 2 and 3 without quorum
            assertEquals(
                    2L, (long) net.staking(s -> s.subnet(SUBNET).orElseThrow().errors()));
            byte[] idle = TestNetwork.key(2).publicKey();
            for (int epoch = 4; epoch <= 7; epoch++) {
                net.toSubmissionWindow();
                net.submitScores(0, all(3, 5000));
                net.submitScores(1, all(3, 5000));
                if (epoch != 4) {
                    net.submitScores(2, all(3, 5000)); // node 2 misses epoch 4 only
                }
                net.closeEpoch();
                assertEquals(EpochStatus.CONSENSUS, net.result(epoch).status());
                long penalties = net.staking(s -> s.penalties(idle));
                long errors = net.staking(s -> s.subnet(SUBNET).orElseThrow().errors());
                switch (epoch) {
                    case 4 -> {
                        assertEquals(1, penalties);
                        assertEquals(2, errors);
                    }
                    case 5 -> {
                        assertEquals(1, penalties);
                        assertEquals(1, errors, "two good epochs in a row: one error forgiven");
                        assertTrue(net.result(5).notes().get(0).contains("forgiven"));
                    }
                    case 6 -> {
                        assertEquals(0, penalties, "two good epochs of the node: its penalty forgiven");
                        assertTrue(net.result(6).nodes().stream().anyMatch(o -> o.forgiven()));
                    }
                    default -> assertEquals(0, errors);
                }
            }
        }
    }
}
