package org.hypertensor.chain.network.internal.bft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators (//Alice, //Bob, //Charlie, //Dave, power 1 each) on real p2p hosts on loopback with
 * real Derby chains and the Tendermint engine: they finalize the same blocks; with one gone the other
 * three go on; with two gone finality stops (and nothing conflicting is finalized); when one returns it
 * syncs what it missed and finality resumes. A 2|2 partition (each side banning the other in its transport)
 * finalizes nothing and resumes once healed.
 */
class FourValidatorsTest {

    static final String SPEC = """
            {"name":"bft test","id":"bft-test","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"subsidy","version":1}],
             "validators":["//Alice","//Bob","//Charlie","//Dave"],
             "genesis":{"balances":{"accounts":[{"account":"//Bob","free":"100 TENSOR"}]}}}""";

    static final String[] NAMES = {"Alice", "Bob", "Charlie", "Dave"};

    @TempDir
    Path dir;

    @Test
    void fourFinalizeTheSameChainThreeGoOnTwoStopAndAReturningOneRejoins() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                for (String n : NAMES) {
                    nodes.add(new BftNode(n, SPEC, dir, hosts));
                }
                for (int i = 0; i < nodes.size(); i++) {
                    for (int j = i + 1; j < nodes.size(); j++) {
                        nodes.get(i).connect(nodes.get(j));
                    }
                }
                nodes.forEach(BftNode::start);
                awaitAll(nodes, 5, Duration.ofSeconds(60));
                assertSameChain(nodes);

                // One validator gone: three of four is more than 2/3 of the power.
                BftNode dave = nodes.remove(3);
                dave.close();
                long before = minFinalized(nodes);
                awaitAll(nodes, before + 3, Duration.ofSeconds(60));
                assertSameChain(nodes);

                // Two gone: two of four is not a quorum, nothing more is finalized.
                BftNode charlie = nodes.remove(2);
                charlie.close();
                Thread.sleep(500); // a block being finalized as charlie left may still land
                long stuck = maxFinalized(nodes);
                long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (System.nanoTime() < until) {
                    assertTrue(maxFinalized(nodes) <= stuck + 1, "finality went on with half the power");
                    Thread.sleep(200);
                }
                long stalled = maxFinalized(nodes);
                assertSameChain(nodes);

                // Charlie returns (same database, same double-sign guard file): it syncs and votes again.
                BftNode back = new BftNode("Charlie", SPEC, dir, hosts);
                nodes.add(back);
                back.connect(nodes.get(0));
                back.connect(nodes.get(1));
                back.start();
                awaitAll(nodes, stalled + 3, Duration.ofSeconds(90));
                assertSameChain(nodes);
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    @Test
    void aTwoTwoPartitionFinalizesNothingAndResumesAfterHealing() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                for (String n : NAMES) {
                    nodes.add(new BftNode(n, SPEC, dir, hosts));
                }
                connectAll(nodes);
                nodes.forEach(BftNode::start);
                awaitAll(nodes, 3, Duration.ofSeconds(60));

                // The partition: each side bans the other in its transport (connections closed and refused).
                List<BftNode> left = nodes.subList(0, 2);
                List<BftNode> right = nodes.subList(2, 4);
                for (BftNode l : left) {
                    for (BftNode r : right) {
                        l.host.ban(r.host.localPeerId(), Duration.ofHours(1), "test partition");
                        r.host.ban(l.host.localPeerId(), Duration.ofHours(1), "test partition");
                    }
                }
                Thread.sleep(500); // a block being finalized as the partition began may still land
                long cut = maxFinalized(nodes);
                long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (System.nanoTime() < until) {
                    assertTrue(maxFinalized(nodes) <= cut + 1, "a half of the power finalized alone");
                    Thread.sleep(200);
                }
                assertSameChain(nodes);

                // Healing: the bans lifted, the sides reconnected.
                for (BftNode n : nodes) {
                    for (BftNode other : nodes) {
                        n.host.bans().unban(other.host.localPeerId());
                    }
                }
                for (BftNode l : left) {
                    for (BftNode r : right) {
                        l.connect(r);
                    }
                }
                awaitAll(nodes, maxFinalized(nodes) + 3, Duration.ofSeconds(90));
                assertSameChain(nodes);
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    @Test
    void aValidatorThatSignsTwoVotesPerStepNeverSplitsTheOthersAndIsCaught() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                Equivocator byzantine = addWithByzantineDave(nodes, SPEC, dir, hosts, false);
                connectAll(nodes);
                nodes.forEach(BftNode::start);
                awaitAll(nodes, 6, Duration.ofSeconds(90));
                assertSameChain(nodes);
                assertTrue(byzantine.doubled() > 0, "the double did sign conflicting votes");
                for (BftNode honest : nodes.subList(0, 3)) {
                    assertTrue(honest.engine.status().evidenceFound() > 0, honest.name + " saw the equivocation");
                }
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    /**
     * Adds //Alice, //Bob and //Charlie and a Byzantine //Dave to {@code nodes}: his network is an
     * {@link Equivocator}, which doubles his proposals too when {@code proposalsToo}; returns it.
     */
    static Equivocator addWithByzantineDave(
            List<BftNode> nodes, String spec, Path dir, TestHosts hosts, boolean proposalsToo) throws Exception {
        for (String n : new String[] {"Alice", "Bob", "Charlie"}) {
            nodes.add(new BftNode(n, spec, dir, hosts));
        }
        byte[] genesis = nodes.get(0).chain.genesisHash();
        Equivocator[] byzantine = new Equivocator[1];
        nodes.add(new BftNode(
                "Dave",
                spec,
                dir,
                hosts,
                (real, chain) -> byzantine[0] = new Equivocator(
                        real,
                        org.hypertensor.crypto.api.DevKeys.derive("//Dave"),
                        genesis,
                        proposalsToo ? chain : null)));
        return byzantine[0];
    }

    static void connectAll(List<BftNode> nodes) throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                nodes.get(i).connect(nodes.get(j));
            }
        }
    }

    static void awaitAll(List<BftNode> nodes, long height, Duration timeout) throws InterruptedException {
        TestHosts.await("every node at finalized #" + height, timeout, () -> minFinalized(nodes) >= height);
    }

    static long minFinalized(List<BftNode> nodes) {
        return nodes.stream().mapToLong(BftNode::finalized).min().orElse(0);
    }

    static long maxFinalized(List<BftNode> nodes) {
        return nodes.stream().mapToLong(BftNode::finalized).max().orElse(0);
    }

    /** Every height all nodes have: the same hash and state root. */
    static void assertSameChain(List<BftNode> nodes) {
        long common = minFinalized(nodes);
        for (long h = 1; h <= common; h++) {
            BlockInfo first = nodes.get(0).chain.chain().block(h).orElseThrow();
            for (BftNode n : nodes) {
                BlockInfo b = n.chain.chain().block(h).orElseThrow();
                assertArrayEquals(first.hash(), b.hash(), n.name + " disagrees at #" + h);
                assertArrayEquals(first.stateRoot(), b.stateRoot(), n.name + " state root at #" + h);
            }
        }
        assertEquals(
                common, nodes.get(0).chain.chain().block(common).orElseThrow().number());
    }
}
