package org.hypertensor.chain.network.internal.bft;

import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.NAMES;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.assertSameChain;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.awaitAll;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.connectAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog drains at execution speed: after a full block (MaxBlockTransactions reached) the next height
 * starts at once instead of one block time (3 s here) after the last one started, so consecutive full
 * blocks are stamped well under a block time apart; after the backlog, heights are a block time apart
 * again.
 */
class FullBlocksTest {

    static final String SPEC = """
            {"name":"bft full blocks","id":"bft-full","dev":true,"blockTimeMs":3000,
             "modules":[{"name":"balances","version":1}],
             "parameters":{"MaxBlockTransactions":5},
             "validators":["//Alice","//Bob","//Charlie","//Dave"],
             "genesis":{"balances":{"accounts":[{"account":"//Eve","free":"100 TENSOR"}]}}}""";

    static final int TRANSFERS = 30;

    @TempDir
    Path dir;

    @Test
    void fullBlocksFollowEachOtherAtOnce() throws Exception {
        Ed25519KeyPair eve = DevKeys.derive("//Eve");
        byte[] ferdie = DevKeys.derive("//Ferdie").publicKey();
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                for (String n : NAMES) {
                    nodes.add(new BftNode(n, SPEC, dir, hosts));
                }
                connectAll(nodes);
                byte[] genesis = nodes.get(0).chain.genesisHash();
                for (int i = 0; i < TRANSFERS; i++) {
                    SignedTransaction tx = SignedTransaction.sign(
                            eve,
                            genesis,
                            i,
                            BigInteger.ZERO,
                            new Call("balances", "transfer", BalancesModule.transferArgs(ferdie, BigInteger.ONE)));
                    for (BftNode n : nodes) {
                        n.chain.submit(tx);
                    }
                }
                nodes.forEach(BftNode::start);
                TestHosts.await(
                        "the backlog finalized",
                        Duration.ofSeconds(120),
                        () -> nodes.stream().allMatch(n -> n.chain.chain().poolSize() == 0));
                BftNode a = nodes.get(0);
                awaitAll(nodes, a.finalized() + 2, Duration.ofSeconds(60));
                assertSameChain(nodes);

                List<Long> afterFull = new ArrayList<>();
                long afterBacklog = -1;
                for (long h = 1; h < a.finalized(); h++) {
                    BlockInfo b = a.chain.chain().block(h).orElseThrow();
                    BlockInfo next = a.chain.chain().block(h + 1).orElseThrow();
                    long gap = next.timestamp() - b.timestamp();
                    if (b.transactions().size() == 5) {
                        afterFull.add(gap);
                    } else if (!b.transactions().isEmpty() || afterFull.size() > 0) {
                        afterBacklog = Math.max(afterBacklog, gap);
                    }
                }
                assertEquals(TRANSFERS / 5, afterFull.size(), "full blocks: " + afterFull);
                afterFull.sort(null);
                long median = afterFull.get(afterFull.size() / 2);
                assertTrue(median < 2000, "after a full block the next one waited " + afterFull + " ms");
                assertTrue(afterBacklog >= 2500, "after the backlog heights are a block time apart: " + afterBacklog);
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }
}
