package org.hypertensor.ledger.internal.chain;

import java.math.BigInteger;
import java.nio.file.Path;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.internal.modules.BalancesModule;

/**
 * Runs in its own JVM for {@link CrashRecoveryTest}: opens the chain in {@code args[0]} and produces
 * blocks of transfers forever, printing {@code committed N} after each commit, until it is killed.
 */
public final class CrashWorker {

    public static void main(String[] args) throws Exception {
        Ed25519KeyPair bob = DevKeys.derive("//Bob");
        Ed25519KeyPair alice = DevKeys.derive("//Alice");
        LocalChain chain = TestChains.open(Path.of(args[0]));
        System.out.println("ready " + chain.head().number());
        System.out.flush();
        while (true) {
            for (int i = 0; i < 50; i++) {
                Ed25519KeyPair from = i % 2 == 0 ? bob : alice;
                Ed25519KeyPair to = i % 2 == 0 ? alice : bob;
                chain.submit(
                        from,
                        new Call(
                                "balances",
                                "transfer",
                                BalancesModule.transferArgs(to.publicKey(), BigInteger.valueOf(1000 + i))));
            }
            BlockInfo block = chain.produceBlock();
            System.out.println("committed " + block.number());
            System.out.flush();
        }
    }
}
