package org.hypertensor.bft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.VerificationException;
import org.hypertensor.bft.sim.Cluster.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four machines through the simulated network, over many seeds: agreement always, termination when
 * more than 2/3 of the power is honest and connected.
 */
class SimulationTest {

    private static final Role H = Role.HONEST;
    private static final long MINUTE = 60_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void allHonestDecideTheSameBlocks(long seed) {
        Cluster cluster = new Cluster(seed, 10, List.of(H, H, H, H));
        assertTrue(cluster.runUntilHeight(15, 10 * MINUTE), "stuck at height " + cluster.minHonestHeight());
        assertEquals(List.of(), cluster.conflicts());
        assertEquals(List.of(), cluster.violations());
        Map<Long, BlockHash> first = cluster.nodes().get(0).decisions().headMap(16L);
        for (Cluster.Node node : cluster.nodes()) {
            assertEquals(first, node.decisions().headMap(16L), "every node decides the same block at every height");
        }
        assertEquals(List.of(), cluster.evidence(), "no evidence among honest validators");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void sameSeedSameRun(long seed) {
        Cluster a = new Cluster(seed, 10, List.of(H, H, H, H));
        Cluster b = new Cluster(seed, 10, List.of(H, H, H, H));
        assertTrue(a.runUntilHeight(5, 5 * MINUTE));
        assertTrue(b.runUntilHeight(5, 5 * MINUTE));
        assertEquals(a.nodes().get(2).decisions(), b.nodes().get(2).decisions());
        assertEquals(a.loop().now(), b.loop().now(), "the simulation is deterministic");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42})
    void oneByzantineValidatorNeverSplitsTheHonestOnes(long seed) {
        int byzantine = (int) (seed % 4);
        Role[] roles = {H, H, H, H};
        roles[byzantine] = Role.BYZANTINE;
        Cluster cluster = new Cluster(seed, 5, List.of(roles));
        boolean live = cluster.runUntilHeight(8, 10 * MINUTE);
        assertEquals(List.of(), cluster.conflicts(), "never two different decisions at a height");
        assertEquals(List.of(), cluster.violations());
        assertTrue(live, "three honest of four keep deciding; stuck at " + cluster.minHonestHeight());
        assertFalse(cluster.evidence().isEmpty(), "the equivocations were detected");
        for (Evidence e : cluster.evidence()) {
            assertEquals(cluster.nodes().get(byzantine).validatorKey(), e.offender(), "only the Byzantine one");
            try {
                e.verify(Cluster.CHAIN_ID);
            } catch (VerificationException ex) {
                fail(ex.getMessage());
            }
            assertEquals(e, Evidence.decode(e.encode()));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52, 53, 54, 55, 56})
    void aTwoTwoPartitionStopsFinalityUntilItHeals(long seed) {
        Cluster cluster = new Cluster(seed, 5, List.of(H, H, H, H));
        assertTrue(cluster.runUntilHeight(3, 5 * MINUTE));
        cluster.network().partition((a, b) -> (a < 2) != (b < 2));
        cluster.loop().runFor(5_000); // messages already in flight land
        long atPartition = cluster.maxHeight();
        cluster.loop().runFor(2 * MINUTE);
        assertEquals(atPartition, cluster.maxHeight(), "no decision without more than 2/3 connected");
        cluster.network().heal();
        assertTrue(
                cluster.runUntilHeight(atPartition + 5, 10 * MINUTE),
                "finality resumes after healing; stuck at " + cluster.minHonestHeight());
        assertEquals(List.of(), cluster.conflicts());
        assertEquals(List.of(), cluster.violations());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {61, 62, 63, 64, 65, 66})
    void threeDecideWithoutASilentFourth(long seed) {
        Role[] roles = {H, H, H, H};
        roles[(int) (seed % 4)] = Role.SILENT;
        Cluster cluster = new Cluster(seed, 5, List.of(roles));
        assertTrue(cluster.runUntilHeight(10, 10 * MINUTE), "stuck at " + cluster.minHonestHeight());
        assertEquals(List.of(), cluster.conflicts());
        assertEquals(List.of(), cluster.violations());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73})
    void twoSilentStopFinality(long seed) {
        Cluster cluster = new Cluster(seed, 0, List.of(H, Role.SILENT, H, Role.SILENT));
        cluster.loop().runFor(2 * MINUTE);
        assertEquals(0, cluster.maxHeight(), "half the power cannot finalize");
    }
}
