package org.hypertensor.chain.network.internal.bft;

import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.NAMES;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.SPEC;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.awaitAll;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.connectAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BFT node restarted on its database serves its head block with its certificate at once (the
 * certificate is in no stored header until the next block exists; the head-certificate file keeps it):
 * a fresh follower that can reach only the restarted node syncs up to that head, not one block short.
 */
class RestartedHeadTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedValidatorServesItsHeadAtOnce() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            long head;
            try {
                for (String n : NAMES) {
                    nodes.add(new BftNode(n, SPEC, dir, hosts));
                }
                connectAll(nodes);
                nodes.forEach(BftNode::start);
                awaitAll(nodes, 3, Duration.ofSeconds(60));
                assertTrue(Files.exists(dir.resolve("Alice.head-certificate")), "written as blocks are decided");
            } finally {
                nodes.forEach(BftNode::close);
            }
            List<BftNode> after = new ArrayList<>();
            try {
                BftNode alice = new BftNode("Alice", SPEC, dir, hosts);
                after.add(alice);
                head = alice.finalized();
                FinalizedBlock served = alice.consensus.finalizedBlock(head).orElseThrow();
                new TendermintRule(alice.chain.genesisHash())
                        .verify(
                                "bft-test",
                                head,
                                alice.chain.chain().block(head).orElseThrow().hash(),
                                served.certificate(),
                                alice.consensus.validators(head));

                // Alone it cannot finalize more; a fresh follower syncs from it up to its head.
                BftNode eve = new BftNode("Eve", SPEC, dir, hosts);
                after.add(eve);
                eve.connect(alice);
                alice.start();
                eve.start();
                TestHosts.await(
                        "the follower at the restarted head #" + head,
                        Duration.ofSeconds(60),
                        () -> eve.finalized() >= head);
                assertEquals(head, alice.finalized());
                assertArrayEquals(
                        alice.chain.chain().block(head).orElseThrow().hash(),
                        eve.chain.chain().block(head).orElseThrow().hash());
            } finally {
                after.forEach(BftNode::close);
            }
        }
    }
}
