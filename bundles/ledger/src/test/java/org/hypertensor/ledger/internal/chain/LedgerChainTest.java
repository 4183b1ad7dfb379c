package org.hypertensor.ledger.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.exec.ModuleSet;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.ledger.internal.modules.Subsidy;
import org.hypertensor.ledger.internal.modules.SudoModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger end to end on the real Derby store: transfers, fees, subsidy, bad input, pause, restart, import. */
class LedgerChainTest {

    private static final BigInteger TENSOR = Amounts.ONE_TENSOR;
    private static final Ed25519KeyPair ALICE = DevKeys.derive("//Alice");
    private static final Ed25519KeyPair BOB = DevKeys.derive("//Bob");
    private static final Ed25519KeyPair CHARLIE = DevKeys.derive("//Charlie");
    private static final BigInteger INITIAL =
            Subsidy.initial(TENSOR.multiply(BigInteger.valueOf(28_000_000)), 5_256_000);

    @TempDir
    Path dir;

    private static Call transfer(Ed25519KeyPair to, BigInteger amount) {
        return new Call("balances", "transfer", BalancesModule.transferArgs(to.publicKey(), amount));
    }

    @Test
    void transferLandsWithTheFeeSplitAndSubsidy() throws Exception {
        try (LocalChain chain = TestChains.open(dir.resolve("a"))) {
            BigInteger bobBefore = chain.account(BOB.publicKey()).free();
            BigInteger charlieBefore = chain.account(CHARLIE.publicKey()).free();
            BigInteger aliceBefore = chain.account(ALICE.publicKey()).free();
            SignedTransaction tx =
                    SignedTransaction.sign(BOB, chain.genesisHash(), 0, BigInteger.ZERO, transfer(CHARLIE, TENSOR));
            chain.submit(tx);
            BlockInfo block = chain.produceBlock();
            assertEquals(1, block.number());
            assertEquals(1, block.transactions().size());
            Receipt receipt = chain.receipt(tx.hash());
            assertTrue(receipt.success());
            BigInteger fee = TENSOR.divide(BigInteger.valueOf(1000))
                    .add(BigInteger.TEN.pow(12).multiply(BigInteger.valueOf(tx.encodedLength())));
            assertEquals(fee, receipt.fee());
            assertEquals(
                    bobBefore.subtract(TENSOR).subtract(fee),
                    chain.account(BOB.publicKey()).free());
            assertEquals(
                    charlieBefore.add(TENSOR),
                    chain.account(CHARLIE.publicKey()).free());
            BigInteger authorFee = fee.multiply(BigInteger.valueOf(2000)).divide(BigInteger.valueOf(10000));
            BigInteger authorSubsidy = Subsidy.authorShare(INITIAL, 3000);
            assertEquals(
                    aliceBefore.add(authorFee).add(authorSubsidy),
                    chain.account(ALICE.publicKey()).free());
            Supply supply = chain.supply();
            assertEquals(fee.subtract(authorFee), supply.burned());
            assertEquals(INITIAL, supply.minted());
            assertEquals(INITIAL.subtract(authorSubsidy), supply.vault());
            assertEquals(1, chain.account(BOB.publicKey()).stateNonce());
            chain.assertInvariants();
        }
    }

    @Test
    void badInputIsRejectedWithItsOwnReasonAndChangesNothing() throws Exception {
        try (LocalChain chain = TestChains.open(dir.resolve("b"))) {
            byte[] g = chain.genesisHash();
            byte[] rootBefore = chain.head().stateRoot();
            assertReason(Reason.MALFORMED, () -> chain.chain().submit(new byte[] {1, 2, 3}));
            assertReason(
                    Reason.TOO_LARGE, () -> chain.chain().submit(new byte[SignedTransaction.MAX_ENCODED_BYTES + 1]));
            SignedTransaction good = SignedTransaction.sign(BOB, g, 0, BigInteger.ZERO, transfer(CHARLIE, TENSOR));
            byte[] forged = good.encoded();
            forged[forged.length - 1] ^= 1;
            assertReason(Reason.BAD_SIGNATURE, () -> chain.chain().submit(forged));
            byte[] otherChain = new byte[32];
            assertReason(
                    Reason.BAD_SIGNATURE,
                    () -> chain.submit(
                            SignedTransaction.sign(BOB, otherChain, 0, BigInteger.ZERO, transfer(CHARLIE, TENSOR))));
            assertReason(
                    Reason.INSUFFICIENT_FUNDS,
                    () -> chain.submit(SignedTransaction.sign(
                            CHARLIE, g, 0, BigInteger.ZERO, transfer(BOB, TENSOR.multiply(BigInteger.TEN)))));
            assertReason(
                    Reason.UNKNOWN_CALL,
                    () -> chain.submit(SignedTransaction.sign(
                            BOB, g, 0, BigInteger.ZERO, new Call("nosuch", "thing", new byte[0]))));
            assertReason(
                    Reason.MALFORMED,
                    () -> chain.submit(SignedTransaction.sign(
                            BOB, g, 0, BigInteger.ZERO, new Call("balances", "transfer", new byte[3]))));
            chain.submit(good);
            assertReason(Reason.DUPLICATE, () -> chain.submit(good));
            chain.produceBlock();
            assertReason(
                    Reason.STALE_NONCE,
                    () -> chain.submit(SignedTransaction.sign(BOB, g, 0, BigInteger.ONE, transfer(CHARLIE, TENSOR))));
            assertEquals(0, chain.chain().poolSize());
            // Only the good transaction (and the subsidy) moved anything.
            assertEquals(1, chain.account(BOB.publicKey()).stateNonce());
            assertFalse(java.util.Arrays.equals(rootBefore, chain.head().stateRoot()));
            chain.assertInvariants();
        }
    }

    @Test
    void aFailedCallKeepsItsFeeAndNonceButRevertsItsEffects() throws Exception {
        try (LocalChain chain = TestChains.open(dir.resolve("c"))) {
            // A non-sudo account calling sudo.set_parameter pays the fee and fails with RequireSudo.
            byte[] args = new Encoder().text("BaseFee").u128(BigInteger.ONE).toByteArray();
            byte[] hash = chain.submit(BOB, new Call("sudo", "set_parameter", args));
            BigInteger before = chain.account(BOB.publicKey()).free();
            chain.produceBlock();
            Receipt receipt = chain.receipt(hash);
            assertFalse(receipt.success());
            assertEquals("RequireSudo", receipt.error());
            assertEquals(
                    before.subtract(receipt.fee()),
                    chain.account(BOB.publicKey()).free());
            assertEquals(1, chain.account(BOB.publicKey()).stateNonce());
            // Alice is sudo: the same call works, and the new base fee applies to the next transaction.
            byte[] ok = chain.submit(ALICE, new Call("sudo", "set_parameter", args));
            chain.produceBlock();
            assertTrue(chain.receipt(ok).success());
            byte[] cheap = chain.submit(BOB, transfer(CHARLIE, BigInteger.ONE));
            chain.produceBlock();
            SignedTransaction tx =
                    chain.chain().transaction(cheap).orElseThrow().transaction();
            assertEquals(
                    BigInteger.ONE.add(BigInteger.TEN.pow(12).multiply(BigInteger.valueOf(tx.encodedLength()))),
                    chain.receipt(cheap).fee());
            // Root calls through sudo.sudo run the inner call with root origin.
            Call inner = new Call(
                    "sudo",
                    "set_parameter",
                    new Encoder().text("BaseFee").u128(BigInteger.TWO).toByteArray());
            byte[] viaSudo = chain.submit(ALICE, new Call("sudo", "sudo", SudoModule.sudoArgs(inner)));
            chain.produceBlock();
            assertTrue(
                    chain.receipt(viaSudo).success(),
                    () -> chain.receipt(viaSudo).toString());
            chain.assertInvariants();
        }
    }

    @Test
    void invariantsHoldOnEveryBlockOfManyRandomTransfers() throws Exception {
        java.util.Random random = new java.util.Random(7);
        List<Ed25519KeyPair> keys = List.of(ALICE, BOB, CHARLIE, DevKeys.derive("//Dave"));
        try (LocalChain chain = TestChains.open(dir.resolve("d"))) {
            long[] lastNonce = new long[keys.size()];
            for (int block = 0; block < 30; block++) {
                for (int i = 0; i < 20; i++) {
                    int from = random.nextInt(keys.size());
                    BigInteger amount =
                            BigInteger.valueOf(1 + random.nextInt(1_000_000)).multiply(BigInteger.TEN.pow(12));
                    try {
                        chain.submit(keys.get(from), transfer(keys.get(random.nextInt(keys.size())), amount));
                    } catch (TransactionRejected e) {
                        assertTrue(e.reason() == Reason.INSUFFICIENT_FUNDS, e.toString());
                    }
                }
                chain.produceBlock();
                chain.assertInvariants();
                for (int k = 0; k < keys.size(); k++) {
                    AccountInfo a = chain.account(keys.get(k).publicKey());
                    assertTrue(a.free().signum() >= 0);
                    assertTrue(a.stateNonce() >= lastNonce[k], "nonce went back");
                    lastNonce[k] = a.stateNonce();
                }
            }
            Supply s = chain.supply();
            assertEquals(s.genesis().add(s.minted()).subtract(s.burned()), s.totalIssuance());
        }
    }

    @Test
    void restartResumesAtTheLastBlockAndAnotherNodeImportsTheSameRoots() throws Exception {
        byte[] root;
        long head;
        try (LocalChain chain = TestChains.open(dir.resolve("e"))) {
            for (int i = 0; i < 5; i++) {
                chain.submit(BOB, transfer(CHARLIE, TENSOR));
                chain.produceBlock();
            }
            root = chain.head().stateRoot();
            head = chain.head().number();
            try (LocalChain follower = TestChains.open(dir.resolve("f"))) {
                assertArrayEquals(chain.genesisHash(), follower.genesisHash());
                for (long n = 1; n <= head; n++) {
                    Block block = chain.chain().fullBlock(n).orElseThrow();
                    follower.chain().importBlock(block);
                }
                assertArrayEquals(root, follower.head().stateRoot());
                // A tampered block is refused and the follower's state stays as it was.
                chain.produceBlock();
                Block next = chain.chain().fullBlock(head + 1).orElseThrow();
                var h = next.header();
                var forgedHeader = new org.hypertensor.ledger.internal.block.Header(
                        h.parentHash(),
                        h.number(),
                        h.timestamp(),
                        new byte[32],
                        h.transactionsRoot(),
                        h.author(),
                        h.parentCertificate());
                ChainException e = assertThrows(
                        ChainException.class,
                        () -> follower.chain().importBlock(new Block(forgedHeader, next.transactions(), next.seal())));
                assertTrue(e.getMessage().contains("invalid seal"), e.getMessage());
                assertArrayEquals(root, follower.head().stateRoot());
                follower.chain().importBlock(next);
                assertArrayEquals(chain.head().stateRoot(), follower.head().stateRoot());
            }
        }
        try (LocalChain reopened = TestChains.open(dir.resolve("e"))) {
            assertEquals(head + 1, reopened.head().number());
            assertNotNull(reopened.head().stateRoot());
            assertEquals(5, reopened.account(BOB.publicKey()).stateNonce());
            reopened.assertInvariants();
        }
    }

    @Test
    void blocksPauseWhileARequiredModuleIsMissingOrInTheWrongVersion() throws Exception {
        try (LocalChain chain = TestChains.open(dir.resolve("g"))) {
            Chain c = chain.chain();
            var spec = c.spec();
            c.setModules(ModuleSet.resolve(spec.modules(), Map.of("balances", List.of(new BalancesModule()))));
            assertTrue(c.pausedReason().contains("subsidy v1 is missing"), c.pausedReason());
            assertThrows(IllegalStateException.class, chain::produceBlock);
            assertReason(Reason.PAUSED, () -> chain.submit(BOB, transfer(CHARLIE, TENSOR)));
            var wrong = new org.hypertensor.ledger.api.runtime.RuntimeModule() {
                @Override
                public String name() {
                    return "subsidy";
                }

                @Override
                public int version() {
                    return 2;
                }

                @Override
                public List<org.hypertensor.ledger.api.runtime.CallSpec> calls() {
                    return List.of();
                }

                @Override
                public void dispatch(
                        org.hypertensor.ledger.api.runtime.CallContext c,
                        String f,
                        org.hypertensor.ledger.api.codec.Decoder a) {}
            };
            c.setModules(ModuleSet.resolve(
                    spec.modules(),
                    Map.of(
                            "balances",
                            List.of(new BalancesModule()),
                            "subsidy",
                            List.of(wrong),
                            "sudo",
                            List.of(new SudoModule()))));
            assertTrue(c.pausedReason().contains("version 2"), c.pausedReason());
            c.setModules(ModuleSet.resolve(
                    spec.modules(),
                    Map.of(
                            "balances",
                            List.of(new BalancesModule()),
                            "subsidy",
                            List.of(new org.hypertensor.ledger.internal.modules.SubsidyModule()),
                            "sudo",
                            List.of(new SudoModule()))));
            assertEquals(null, c.pausedReason());
            assertEquals(1, chain.produceBlock().number());
        }
    }

    @Test
    void aDatabaseOfAnotherChainIsRefused() throws Exception {
        try (LocalChain chain = TestChains.open(dir.resolve("h"))) {
            chain.produceBlock();
        }
        String other = TestChains.spec().replace("\"ledger-test\"", "\"ledger-other\"");
        ChainException e = assertThrows(
                ChainException.class,
                () -> LocalChain.builder()
                        .spec(other)
                        .directory(dir.resolve("h"))
                        .open());
        assertTrue(e.getMessage().contains("another chain"), e.getMessage());
    }

    interface Submission {
        void run() throws TransactionRejected;
    }

    private static void assertReason(Reason reason, Submission submission) {
        TransactionRejected e = assertThrows(TransactionRejected.class, submission::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
