package org.hypertensor.chain.network.internal.bft;

import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.assertSameChain;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.awaitAll;
import static org.hypertensor.chain.network.internal.bft.FourValidatorsTest.connectAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.chain.network.internal.osgi.ConsensusCommands;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.consensus.ActiveSet;
import org.hypertensor.ledger.api.consensus.Validator;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.SudoModule;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validator-set changes by sudo on real nodes: //Alice, //Bob, //Charlie validate, //Dave's node follows
 * with his key. Sudo adds //Dave (power 2, bond 1,000 TENSOR), re-weights //Alice to 2 and removes
 * //Charlie: nothing changes before the next epoch; from its first block the new set finalizes (//Dave
 * signs certificates, //Charlie's bond is back), and with //Charlie's node gone finality goes on — which
 * under the old set (two of three) it could not.
 */
class SudoValidatorSetTest {

    static final String SPEC = ByzantineValidatorTest.bondedSpec(
            "bft-sudo-test",
            "{\"account\":\"//Alice\",\"power\":1,\"bond\":\"10000 TENSOR\"},"
                    + "{\"account\":\"//Bob\",\"power\":1,\"bond\":\"10000 TENSOR\"},"
                    + "{\"account\":\"//Charlie\",\"power\":1,\"bond\":\"10000 TENSOR\"}");

    static final BigInteger TENSOR = BigInteger.TEN.pow(18);
    static final long EPOCH = 5;

    @TempDir
    Path dir;

    @Test
    void sudoChangesTheSetAtTheNextEpochAndFinalityGoesOn() throws Exception {
        Ed25519KeyPair alice = DevKeys.derive("//Alice");
        byte[] charlie = DevKeys.derive("//Charlie").publicKey();
        byte[] dave = DevKeys.derive("//Dave").publicKey();
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            try {
                for (String n : new String[] {"Alice", "Bob", "Charlie", "Dave"}) {
                    nodes.add(new BftNode(n, SPEC, dir, hosts));
                }
                connectAll(nodes);
                nodes.forEach(BftNode::start);
                awaitAll(nodes, 2, Duration.ofSeconds(60));
                BftNode a = nodes.get(0);

                long nonce = a.chain.chain().account(alice.publicKey()).nextNonce();
                List<SignedTransaction> calls = List.of(
                        sudo(
                                alice,
                                a,
                                nonce,
                                ValidatorsModule.addArgs(dave, 2, TENSOR.multiply(BigInteger.valueOf(1000))),
                                "add"),
                        sudo(alice, a, nonce + 1, ValidatorsModule.setPowerArgs(alice.publicKey(), 2), "set_power"),
                        sudo(alice, a, nonce + 2, ValidatorsModule.removeArgs(charlie), "remove"));
                for (SignedTransaction tx : calls) {
                    for (BftNode n : nodes) {
                        n.chain.submit(tx);
                    }
                }
                TestHosts.await(
                        "the sudo calls included",
                        Duration.ofSeconds(60),
                        () -> calls.stream()
                                .allMatch(tx ->
                                        a.chain.chain().transaction(tx.hash()).isPresent()));
                long last = 0;
                for (SignedTransaction tx : calls) {
                    TransactionInfo info =
                            a.chain.chain().transaction(tx.hash()).orElseThrow();
                    assertTrue(
                            info.receipt().success(),
                            "sudo call failed: " + info.receipt().message());
                    last = Math.max(last, info.blockNumber());
                }
                long epochStart = last - last % EPOCH + EPOCH;
                assertEquals(
                        TENSOR.multiply(BigInteger.valueOf(1000)),
                        a.chain.chain().account(dave).reserved(),
                        "the newcomer's bond is reserved by the call");

                // Before the boundary: the old set, the new one scheduled and shown by ledger:validators.
                long head = a.finalized();
                if (head + 1 < epochStart) {
                    ActiveSet before = a.consensus.activeSet(head + 1);
                    assertFalse(before.validators().contains(dave));
                    assertTrue(a.consensus.scheduledValidators().orElseThrow().contains(dave));
                    assertTrue(new ConsensusCommands(a.consensus).validators().contains("scheduled by sudo"));
                }

                // From the boundary on: {Alice 2, Bob 1, Dave 2}, Dave signs, Charlie's bond is back.
                List<BftNode> staying = List.of(nodes.get(0), nodes.get(1), nodes.get(3));
                awaitAll(staying, epochStart + 2, Duration.ofSeconds(120));
                ActiveSet after = a.consensus.activeSet(a.finalized() + 1);
                assertEquals(epochStart, after.since(), "the set changed at the epoch's first block");
                assertEquals(3, after.validators().size());
                assertEquals(2, power(after, alice.publicKey()));
                assertEquals(2, power(after, dave));
                assertFalse(after.validators().contains(charlie));
                assertEquals(BigInteger.ZERO, a.chain.chain().account(charlie).reserved(), "Charlie's bond is back");
                assertFalse(signers(a, epochStart - 1).contains(ValidatorKey.of(dave)), "Dave signed before joining");
                TestHosts.await("a certificate signed by Dave", Duration.ofSeconds(60), () -> {
                    long h = a.finalized() - 1;
                    return h >= epochStart && signers(a, h).contains(ValidatorKey.of(dave));
                });
                String shown = new ConsensusCommands(a.consensus).validators();
                assertTrue(shown.contains(Ss58.encode(dave)) && shown.contains("since #" + epochStart), shown);
                assertFalse(shown.contains(Ss58.encode(charlie)), shown);

                // Charlie's node goes away: the new set finalizes without him.
                BftNode gone = nodes.remove(2);
                gone.close();
                awaitAll(nodes, a.finalized() + 3, Duration.ofSeconds(90));
                assertSameChain(nodes);
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    private static SignedTransaction sudo(Ed25519KeyPair key, BftNode node, long nonce, byte[] args, String function) {
        Call inner = new Call(ValidatorsModule.NAME, function, args);
        return SignedTransaction.sign(
                key,
                node.chain.genesisHash(),
                nonce,
                BigInteger.ZERO,
                new Call("sudo", "sudo", SudoModule.sudoArgs(inner)));
    }

    private static long power(ActiveSet set, byte[] account) {
        return set.validators().find(account).map(Validator::power).orElse(0L);
    }

    /** Who signed the certificate of block {@code h} (carried by block h + 1, or kept for the head). */
    private static List<ValidatorKey> signers(BftNode node, long h) {
        byte[] certificate = node.consensus.finalizedBlock(h).orElseThrow().certificate();
        return Certificate.decode(certificate).signatures().stream()
                .map(Certificate.CommitSignature::validator)
                .toList();
    }
}
