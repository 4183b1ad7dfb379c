package org.hypertensor.chain.network.internal.bft;

import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.addWithByzantineDave;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.assertSameChain;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.awaitAll;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.connectAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four bonded validators on real p2p hosts and Derby chains; //Dave is Byzantine: at every step he signs
 * two conflicting votes and, as proposer, two different proposals. The honest three never finalize
 * conflicting blocks, submit the evidence as a transaction, and it is included: Dave's bond is slashed by
 * SlashBp into the rewards vault, he leaves the set from the next height, a second report of the same
 * equivocation is refused (at submission and on chain), and the three go on finalizing.
 */
class ByzantineValidatorTest {

    static final String SPEC = bondedSpec(
            "bft-evidence-test",
            "{\"account\":\"//Alice\",\"power\":1,\"bond\":\"10000 TENSOR\"},"
                    + "{\"account\":\"//Bob\",\"power\":1,\"bond\":\"10000 TENSOR\"},"
                    + "{\"account\":\"//Charlie\",\"power\":1,\"bond\":\"10000 TENSOR\"},"
                    + "{\"account\":\"//Dave\",\"power\":1,\"bond\":\"10000 TENSOR\"}");

    /**
     * A chain with the validators module (SlashBp 500, EpochLength 5), sudo //Alice, these validators
     * (JSON entries) and 1,000,000 TENSOR for //Alice, //Bob, //Charlie and //Dave.
     */
    static String bondedSpec(String id, String validators) {
        return """
            {"name":"%s","id":"%s","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"sudo","version":1},
                        {"name":"validators","version":1}],
             "parameters":{"SlashBp":500,"EpochLength":5},
             "validators":[%s],
             "sudo":"//Alice",
             "genesis":{"balances":{"accounts":[
               {"account":"//Alice","free":"1000000 TENSOR"},{"account":"//Bob","free":"1000000 TENSOR"},
               {"account":"//Charlie","free":"1000000 TENSOR"},{"account":"//Dave","free":"1000000 TENSOR"}]}}}""".formatted(id, id, validators);
    }

    static final BigInteger TENSOR = BigInteger.TEN.pow(18);
    static final BigInteger BOND = BigInteger.valueOf(10_000).multiply(TENSOR);

    @TempDir
    Path dir;

    @Test
    void anEquivocatingValidatorIsSlashedAndRemovedAndTheOthersGoOn() throws Exception {
        byte[] dave = DevKeys.derive("//Dave").publicKey();
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                Equivocator byzantine = addWithByzantineDave(nodes, SPEC, dir, hosts, true);
                byte[] genesis = nodes.get(0).chain.genesisHash();
                BftNode alice = nodes.get(0);
                assertEquals(BOND, alice.chain.chain().account(dave).reserved(), "the bond is reserved at genesis");
                connectAll(nodes);
                nodes.forEach(BftNode::start);

                // The evidence transaction is included (by whichever honest validator proposes next).
                TransactionInfo report = awaitReport(alice, Duration.ofSeconds(120));
                long included = report.blockNumber();
                List<BftNode> honest = nodes.subList(0, 3);
                awaitAll(honest, included + 4, Duration.ofSeconds(120));
                assertSameChain(honest);
                assertTrue(byzantine.doubled() > 0, "the double signed conflicting votes");
                assertTrue(byzantine.proposalsDoubled() > 0, "the double signed conflicting proposals");

                // Slashed: floor(bond × SlashBp / 10000) into the vault, the rest back to his free balance.
                BigInteger slash = BOND.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
                assertEquals(BigInteger.ZERO, alice.chain.chain().account(dave).reserved());
                assertEquals(slash, alice.chain.chain().supply().vault(), "the vault holds the slash");
                assertTrue(alice.chain.chain().invariants().hold(), "issuance = balances + vault");

                // Gone from the next height on: not in the set, authors and signs nothing after the report.
                long head = alice.finalized();
                assertFalse(alice.consensus.validators(head + 1).contains(dave));
                assertEquals(3, alice.consensus.validators(head + 1).size());
                for (long h = included + 1; h <= head; h++) {
                    BlockInfo b = alice.chain.chain().block(h).orElseThrow();
                    assertFalse(Arrays.equals(dave, b.author()), "Dave authored #" + h + " after his removal");
                }

                // The same equivocation again: refused before the pool, and on chain as a duplicate.
                byte[] evidence = new Decoder(report.transaction().call().args()).bytes(4096);
                try {
                    alice.consensus.submitEvidence(evidence);
                    fail("duplicate evidence was accepted");
                } catch (ConsensusException e) {
                    assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
                }
                Ed25519KeyPair bob = DevKeys.derive("//Bob");
                SignedTransaction again = SignedTransaction.sign(
                        bob,
                        genesis,
                        alice.chain.chain().account(bob.publicKey()).nextNonce(),
                        BigInteger.ZERO,
                        new Call(ValidatorsModule.NAME, "report_equivocation", ValidatorsModule.reportArgs(evidence)));
                for (BftNode n : honest) {
                    n.chain.submit(again);
                }
                TransactionInfo refused = awaitTransaction(alice, again.hash(), Duration.ofSeconds(60));
                assertFalse(refused.receipt().success());
                assertEquals("DuplicateEvidence", refused.receipt().error());

                // The remaining three keep finalizing, and every node (Dave's too) has one chain.
                awaitAll(honest, alice.finalized() + 3, Duration.ofSeconds(60));
                assertSameChain(honest);
                assertSameChain(nodes);
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    /** Waits for a successful {@code validators.report_equivocation} in a finalized block. */
    private static TransactionInfo awaitReport(BftNode node, Duration timeout) throws InterruptedException {
        AtomicReference<TransactionInfo> found = new AtomicReference<>();
        long[] scanned = {0};
        TestHosts.await("an evidence transaction in a finalized block", timeout, () -> {
            long head = node.finalized();
            for (long h = scanned[0] + 1; h <= head; h++) {
                for (byte[] tx : node.chain.chain().block(h).orElseThrow().transactions()) {
                    TransactionInfo info = node.chain.chain().transaction(tx).orElseThrow();
                    if (info.transaction().call().qualifiedName().equals("validators.report_equivocation")
                            && info.receipt().success()) {
                        found.set(info);
                    }
                }
                scanned[0] = h;
                if (found.get() != null) {
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private static TransactionInfo awaitTransaction(BftNode node, byte[] hash, Duration timeout)
            throws InterruptedException {
        TestHosts.await(
                "transaction included",
                timeout,
                () -> node.chain.chain().transaction(hash).isPresent());
        return node.chain.chain().transaction(hash).orElseThrow();
    }
}
