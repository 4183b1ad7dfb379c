package org.hypertensor.ledger.internal.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.consensus.ActiveSet;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.modules.SudoModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validators module on a real chain (Derby, one validator, blocks produced on demand): the bond
 * reserved at genesis; a sudo re-weight taking effect at the next epoch's first block, not before; the
 * root-only calls; the last validator kept; no second validator on a single-authority chain; evidence on
 * a chain whose finality rule verifies none is refused with its reason. Adding and removing validators on
 * a BFT chain: {@code SudoValidatorSetTest} (chain-network).
 */
class ValidatorsModuleTest {

    static final String SPEC = """
            {"name":"validators test","id":"validators-test","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"sudo","version":1},
                        {"name":"validators","version":1}],
             "parameters":{"SlashBp":500,"EpochLength":4},
             "validators":[{"account":"//Alice","power":3,"bond":"100 TENSOR"}],
             "sudo":"//Alice",
             "genesis":{"balances":{"accounts":[
               {"account":"//Alice","free":"1000 TENSOR"},{"account":"//Bob","free":"1000 TENSOR"}]}}}""";

    static final BigInteger TENSOR = BigInteger.TEN.pow(18);
    static final Ed25519KeyPair ALICE = DevKeys.derive("//Alice");
    static final Ed25519KeyPair BOB = DevKeys.derive("//Bob");

    @TempDir
    Path dir;

    @Test
    void aReweightTakesEffectAtTheNextEpoch() throws Exception {
        try (LocalChain chain =
                LocalChain.builder().spec(SPEC).directory(dir.resolve("c")).open()) {
            assertEquals(
                    TENSOR.multiply(BigInteger.valueOf(100)),
                    chain.account(ALICE.publicKey()).reserved());
            assertEquals(
                    TENSOR.multiply(BigInteger.valueOf(900)),
                    chain.account(ALICE.publicKey()).free());
            chain.produceBlock(); // #1
            byte[] tx = chain.submit(
                    ALICE,
                    sudo(new Call("validators", "set_power", ValidatorsModule.setPowerArgs(ALICE.publicKey(), 7))));
            chain.produceBlock(); // #2: scheduled for #4
            assertTrue(chain.receipt(tx).success(), chain.receipt(tx).message());
            assertEquals(3, powerAt(chain, 3));
            assertEquals(
                    7,
                    chain.chain()
                            .scheduledValidators()
                            .orElseThrow()
                            .validators()
                            .get(0)
                            .power());
            chain.produceBlock(); // #3
            ActiveSet next = chain.chain().activeSet(4);
            assertEquals(7, next.validators().validators().get(0).power());
            assertEquals(4, next.since());
            assertTrue(chain.chain().scheduledValidators().isEmpty());
            chain.produceBlocks(2); // #4 and #5 finalized by the new set (single authority, power 7)
            assertEquals(4, chain.chain().activeSet(6).since());
            assertThrows(IllegalArgumentException.class, () -> chain.chain().activeSet(2), "old sets are not kept");
            chain.assertInvariants();
        }
    }

    @Test
    void rootOnlyTheLastValidatorStaysAndASingleAuthorityGetsNoSecond() throws Exception {
        try (LocalChain chain =
                LocalChain.builder().spec(SPEC).directory(dir.resolve("c")).open()) {
            chain.produceBlock();
            byte[] notRoot = chain.submit(
                    BOB, new Call("validators", "set_power", ValidatorsModule.setPowerArgs(ALICE.publicKey(), 1)));
            byte[] last = chain.submit(
                    ALICE, sudo(new Call("validators", "remove", ValidatorsModule.removeArgs(ALICE.publicKey()))));
            byte[] add = chain.submit(
                    ALICE,
                    sudo(new Call(
                            "validators",
                            "add",
                            ValidatorsModule.addArgs(BOB.publicKey(), 1, TENSOR.multiply(BigInteger.TEN)))));
            byte[] zero = chain.submit(
                    ALICE,
                    sudo(new Call("validators", "set_power", ValidatorsModule.setPowerArgs(ALICE.publicKey(), 0))));
            chain.produceBlock(); // #2
            assertError(chain.receipt(notRoot), "BadOrigin");
            assertError(chain.receipt(last), "LastValidator");
            assertError(chain.receipt(add), "SingleAuthority");
            assertError(chain.receipt(zero), "InvalidPower");
            assertEquals(BigInteger.ZERO, chain.account(BOB.publicKey()).reserved());
            chain.produceBlocks(3); // across the boundary at #4: the set is unchanged
            assertFalse(chain.chain().validators(6).contains(BOB.publicKey()));
            assertEquals(1, chain.chain().activeSet(6).since());
            chain.assertInvariants();
        }
    }

    @Test
    void evidenceIsRefusedWhereTheFinalityRuleVerifiesNone() throws Exception {
        try (LocalChain chain =
                LocalChain.builder().spec(SPEC).directory(dir.resolve("c")).open()) {
            byte[] tx = chain.submit(
                    BOB, new Call("validators", "report_equivocation", ValidatorsModule.reportArgs(new byte[290])));
            chain.produceBlock();
            assertError(chain.receipt(tx), "NoEvidenceRule");
            assertTrue(chain.receipt(tx).fee().signum() > 0, "a failed report pays its fee");
        }
    }

    @Test
    void aBondAboveTheGenesisBalanceIsAClearSpecError() {
        String spec = SPEC.replace("\"bond\":\"100 TENSOR\"", "\"bond\":\"5000 TENSOR\"");
        ChainException e = assertThrows(
                ChainException.class,
                () -> LocalChain.builder()
                        .spec(spec)
                        .directory(dir.resolve("c"))
                        .open());
        assertTrue(e.getMessage().startsWith("the chain spec's genesis cannot be built"), e.getMessage());
        assertTrue(e.getMessage().contains("needs 5000 TENSOR"), e.getMessage());
    }

    private static Call sudo(Call inner) {
        return new Call("sudo", "sudo", SudoModule.sudoArgs(inner));
    }

    private static long powerAt(LocalChain chain, long height) {
        return chain.chain().activeSet(height).validators().validators().get(0).power();
    }

    private static void assertError(Receipt receipt, String error) {
        assertFalse(receipt.success());
        assertEquals(error, receipt.error(), receipt.message());
    }
}
