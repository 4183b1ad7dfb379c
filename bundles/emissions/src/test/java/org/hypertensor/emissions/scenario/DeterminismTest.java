package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.hypertensor.emissions.scenario.TestNetwork.all;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.staking.api.StakingCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two independent chains fed the same transactions reach the same state root at every block. */
class DeterminismTest {

    @TempDir
    Path a;

    @TempDir
    Path b;

    private static List<byte[]> run(Path dir) throws Exception {
        List<byte[]> roots = new ArrayList<>();
        try (TestNetwork net = TestNetwork.open(dir, 5, Map.of("MaxAccountPenalties", 2))) {
            for (int epoch = 2; epoch <= 5; epoch++) {
                net.toSubmissionWindow();
                net.submitScores(0, all(5, 5000));
                net.submitScores(1, 5000, 5200, 5000, 4800, 5000);
                net.submitScores(2, 5000, 5000, 5000, 5000, 0);
                net.submitScores(3, 9000, 5000, 5000, 5000, 5000);
                net.unconfirm(4);
                if (epoch == 3) {
                    net.submit(TestNetwork.key(0), StakingCalls.removeStake(SUBNET, TENSOR));
                    net.submit(TestNetwork.key(1), StakingCalls.addStake(SUBNET, TENSOR.multiply(BigInteger.TEN)));
                }
                long end = (net.head() / TestNetwork.L + 1) * TestNetwork.L + 1;
                while (net.head() < end) {
                    net.produceTo(net.head() + 1);
                    roots.add(net.chain().head().stateRoot());
                }
            }
        }
        return roots;
    }

    @Test
    void sameTransactionsSameStateRoots() throws Exception {
        List<byte[]> first = run(a);
        List<byte[]> second = run(b);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "state roots differ at the " + i + "th block produced");
        }
    }
}
