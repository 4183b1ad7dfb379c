package org.hypertensor.ledger.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys the prefetch reads for a transaction are the keys its execution reads. */
class AccountPrefetchTest {
    @TempDir
    Path dir;

    @Test
    void aTransfersKeysAreTheSendersAndTheRecipientsStateAfterIt() throws Exception {
        Ed25519KeyPair bob = DevKeys.derive("//Bob");
        Ed25519KeyPair fresh = DevKeys.derive("//NoOneYet");
        try (LocalChain chain = TestChains.open(dir)) {
            Call call = new Call(
                    "balances", "transfer", BalancesModule.transferArgs(fresh.publicKey(), Amounts.ONE_TENSOR));
            SignedTransaction tx = SignedTransaction.sign(bob, chain.genesisHash(), 0, BigInteger.ZERO, call);
            List<byte[]> keys = AccountPrefetch.keys(tx);
            assertEquals(3, keys.size(), "sender balance, sender nonce, recipient balance");
            assertEquals(null, chain.chain().state().get(keys.get(2)), "the recipient has no account yet");
            chain.submit(tx);
            chain.produceBlock();
            for (byte[] key : keys) { // a wrong key would read nothing here
                assertNotNull(
                        chain.chain().state().get(key), new String(key, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            SignedTransaction other = SignedTransaction.sign(
                    bob, chain.genesisHash(), 1, BigInteger.ZERO, new Call("sudo", "set_key", new byte[32]));
            assertEquals(2, AccountPrefetch.keys(other).size(), "only the sender's keys for other calls");
        }
    }
}
