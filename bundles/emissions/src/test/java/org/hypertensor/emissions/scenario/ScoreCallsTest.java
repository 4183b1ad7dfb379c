package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.hypertensor.emissions.scenario.TestNetwork.all;
import static org.hypertensor.emissions.scenario.TestNetwork.key;
import static org.hypertensor.emissions.scenario.TestNetwork.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.api.Submission;
import org.hypertensor.staking.api.StakingCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit_scores / unconfirm_scores eligibility: each refusal is a named error, and a failed one pays its fee. */
class ScoreCallsTest {

    @TempDir
    Path dir;

    private static void assertError(String error, Receipt r) {
        assertEquals(error, r.error(), () -> "expected " + error + ", got " + r.error() + ": " + r.message());
        assertTrue(r.fee().signum() > 0, "a failed submission pays its fee");
    }

    private static Call submit(List<ScoreEntry> s) {
        return ScoringCalls.submitScores(SUBNET, s);
    }

    @Test
    void eligibilityAndArguments() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, 2, Map.of())) {
            net.produceTo(12);
            assertError("SubnetTooYoung", net.run(key(0), submit(TestNetwork.scores(all(3, 5000)))));
            // a fourth node registers in epoch 1: included from 20, submittable from 30
            TestNetwork.assertSuccess(net.run(
                    key(3),
                    StakingCalls.registerNode(
                            SUBNET, peer(3), "/ip4/127.0.0.1/tcp/4003", TENSOR.multiply(BigInteger.valueOf(1000)))));
            net.produceTo(21);
            assertError("OutsideSubmissionWindow", net.run(key(0), submit(TestNetwork.scores(all(3, 5000)))));
            // the rest in one block (r = 3)
            List<ScoreEntry> zero = new ArrayList<>(TestNetwork.scores(5000, 5000));
            zero.add(new ScoreEntry(peer(2), 0));
            List<ScoreEntry> many = new ArrayList<>(TestNetwork.scores(all(4, 5000)));
            many.add(new ScoreEntry(TestNetwork.peerOf("//stranger"), 100));
            Map<String, byte[]> failing = new java.util.LinkedHashMap<>();
            failing.put(
                    "NoSuchSubnet", net.submit(key(0), ScoringCalls.submitScores(5, TestNetwork.scores(all(3, 5000)))));
            failing.put("NotRegistered", net.submit(key(4), submit(TestNetwork.scores(all(3, 5000)))));
            failing.put("NotSubmittable", net.submit(key(3), submit(TestNetwork.scores(all(3, 5000)))));
            failing.put("NoEntries", net.submit(key(0), submit(List.of())));
            failing.put("InvalidScore", net.submit(key(0), submit(TestNetwork.scores(5000, 10_001, 5000))));
            failing.put("TooManyEntries", net.submit(key(0), submit(many)));
            byte[] zeroScore = net.submit(key(1), submit(zero));
            net.produceTo(23);
            failing.forEach((error, hash) -> assertError(error, net.chain().receipt(hash)));
            assertError("InvalidScore", net.chain().receipt(zeroScore));
            // the first entry of a peer counts, unknown peers are ignored, included nodes left out are omitted
            List<ScoreEntry> entries = new ArrayList<>(TestNetwork.scores(4000, 6000));
            entries.add(new ScoreEntry(peer(0), 9999));
            entries.add(new ScoreEntry(TestNetwork.peerOf("//stranger"), 100));
            Receipt ok = net.run(key(0), submit(entries));
            TestNetwork.assertSuccess(ok);
            assertEquals(BigInteger.ZERO, ok.fee());
            List<Submission> subs =
                    net.chain().query(c -> c.runtime(ScoringRuntime.class).submissions(SUBNET, 2));
            assertEquals(1, subs.size());
            // node 3 is included now (from block 20): it must be judged, and node 0 left it and node 2 out
            assertEquals(
                    List.of(
                            new ScoreEntry(peer(0), 4000),
                            new ScoreEntry(peer(1), 6000),
                            new ScoreEntry(peer(2), 0),
                            new ScoreEntry(peer(3), 0)),
                    sortByPeer(subs.get(0).scores()));
            assertError("AlreadySubmitted", net.run(key(0), submit(TestNetwork.scores(all(3, 5000)))));
            TestNetwork.assertSuccess(net.run(key(0), ScoringCalls.unconfirmScores(SUBNET)));
            assertError("AlreadyUnconfirmed", net.run(key(0), ScoringCalls.unconfirmScores(SUBNET)));
        }
    }

    @Test
    void notEnoughSubmittableNodes() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 3, Map.of("MinNodes", 4))) {
            net.produceTo(22);
            assertError("NotEnoughNodes", net.run(key(0), submit(TestNetwork.scores(all(3, 5000)))));
            assertError("NotEnoughNodes", net.run(key(0), ScoringCalls.unconfirmScores(SUBNET)));
            // and anyone may remove a subnet without MinNodes submittable nodes once it is old enough
            TestNetwork.assertSuccess(net.run(key(1), StakingCalls.removeSubnet(SUBNET)));
        }
    }

    private static List<ScoreEntry> sortByPeer(List<ScoreEntry> in) {
        List<ScoreEntry> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String p = peer(i);
            in.stream().filter(e -> e.peerId().equals(p)).forEach(out::add);
        }
        return out;
    }
}
