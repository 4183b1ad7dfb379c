package org.hypertensor.ledger.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.consensus.CandidateBlock;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.chain.TestChains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consensus-engine SPI on real chains (Derby): a block proposed on one node is executed on another
 * without committing and committed there with its certificate; wrong certificates and blocks stamped too
 * far in the future are refused and change nothing; a served finalized block imports with its certificate.
 */
class LedgerConsensusTest {

    private static final Ed25519KeyPair ALICE = DevKeys.derive("//Alice");

    @TempDir
    Path dir;

    @Test
    void aProposedBlockIsExecutedElsewhereAndCommittedWithItsCertificate() throws Exception {
        try (LocalChain a = TestChains.open(dir.resolve("a"));
                LocalChain b = TestChains.open(dir.resolve("b"))) {
            ConsensusChain ca = new LedgerConsensus(a.chain());
            ConsensusChain cb = new LedgerConsensus(b.chain());
            long time = a.head().timestamp() + 1000;
            CandidateBlock proposed = ca.propose(ALICE, time);
            assertEquals(0, ca.finalizedHead().number(), "proposing commits nothing");
            CandidateBlock executed = cb.execute(proposed.encoded());
            assertArrayEquals(proposed.hash(), executed.hash());
            assertArrayEquals(proposed.stateRoot(), executed.stateRoot());
            assertEquals(0, cb.finalizedHead().number(), "executing commits nothing");

            byte[] wrong = ALICE.sign(new byte[32]);
            ConsensusException refused =
                    assertThrows(ConsensusException.class, () -> cb.commit(proposed.hash(), wrong));
            assertTrue(refused.invalidBlock());
            assertEquals(0, cb.finalizedHead().number());

            byte[] seal = ALICE.sign(proposed.hash());
            cb.commit(proposed.hash(), seal);
            ca.commit(proposed.hash(), seal);
            assertArrayEquals(ca.finalizedHead().hash(), cb.finalizedHead().hash());
            assertArrayEquals(seal, cb.finalizedBlock(1).orElseThrow().certificate());
            assertEquals(1, cb.validators(2).size());
        }
    }

    @Test
    void syncImportChecksTheCertificateAndTheClock() throws Exception {
        Clock epoch = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        try (LocalChain a = TestChains.open(dir.resolve("a"));
                LocalChain b = LocalChain.builder()
                        .spec(TestChains.spec())
                        .directory(dir.resolve("b"))
                        .clock(epoch)
                        .open()) {
            a.produceBlocks(16);
            ConsensusChain ca = new LedgerConsensus(a.chain());
            ConsensusChain cb = new LedgerConsensus(b.chain());
            FinalizedBlock first = ca.finalizedBlock(1).orElseThrow();
            byte[] bad = first.certificate();
            bad[0] ^= 1;
            ConsensusException e = assertThrows(
                    ConsensusException.class, () -> cb.importFinalized(new FinalizedBlock(1, first.encoded(), bad)));
            assertTrue(e.invalidBlock(), e.getMessage());
            assertEquals(0, cb.finalizedHead().number());

            // Block n is stamped n s after genesis (at 0); b's clock stands at 0: up to block 15 is
            // within 15 s of it, block 16 is too far ahead.
            for (long n = 1; n <= 15; n++) {
                cb.importFinalized(ca.finalizedBlock(n).orElseThrow());
            }
            assertEquals(15, cb.finalizedHead().number());
            ConsensusException future = assertThrows(
                    ConsensusException.class,
                    () -> cb.importFinalized(ca.finalizedBlock(16).orElseThrow()));
            assertFalse(future.invalidBlock(), "a block from the future is not proven bad: retry later");
            assertTrue(future.getMessage().contains("ahead of this node's clock"), future.getMessage());
            assertEquals(15, cb.finalizedHead().number());
        }
    }
}
