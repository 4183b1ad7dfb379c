package org.hypertensor.chain.network.internal.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerService;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started late (or restarted: pools are not persisted) gets its peer's pending transactions: real
 * chains on Derby, real hosts on loopback. A peer that answers with a forged transaction is banned.
 */
class PoolExchangeTest {

    private static final String SPEC = """
            {"name":"pool test","id":"pool-test","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"subsidy","version":1}],
             "validators":["//Alice"],
             "genesis":{"balances":{"accounts":[{"account":"//Alice","free":"100 TENSOR"},
                                               {"account":"//Bob","free":"100 TENSOR"}]}}}""";

    @TempDir
    Path dir;

    private final ExecutorService fetches = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        fetches.shutdownNow();
    }

    private LocalChain chain(String name) throws Exception {
        return LocalChain.builder().spec(SPEC).directory(dir.resolve(name)).open();
    }

    private static SignedTransaction transfer(Ed25519KeyPair from, byte[] genesis, long nonce) {
        Call call = new Call(
                "balances",
                "transfer",
                new Encoder()
                        .fixed(DevKeys.derive("//Charlie").publicKey())
                        .u128(BigInteger.TEN)
                        .toByteArray());
        return SignedTransaction.sign(from, genesis, nonce, BigInteger.ZERO, call);
    }

    @Test
    void aNodeStartedLateGetsThePeersPendingTransactions() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain chainA = chain("a");
                LocalChain chainB = chain("b")) {
            LedgerService ledgerA = new LedgerService(chainA.chain(), () -> "test");
            byte[] g = chainA.genesisHash();
            Ed25519KeyPair bob = DevKeys.derive("//Bob");
            Ed25519KeyPair alice = DevKeys.derive("//Alice");
            for (int n = 0; n < 5; n++) {
                ledgerA.submit(transfer(bob, g, n));
            }
            ledgerA.submit(transfer(alice, g, 0));
            ledgerA.submit(transfer(alice, g, 7)); // future: waits for nonces 1..6, not handed out
            assertEquals(6, ledgerA.pool().size());

            Host a = hosts.start();
            PoolExchange exchangeA = new PoolExchange(ledgerA, a, Duration.ofMinutes(1), fetches);
            a.registerHandler(exchangeA.protocol(), exchangeA);

            // B comes up later with an empty pool, as a restarted node does
            LedgerService ledgerB = new LedgerService(chainB.chain(), () -> "test");
            Host b = hosts.start();
            PoolExchange exchangeB = new PoolExchange(ledgerB, b, Duration.ofMinutes(1), fetches);
            b.registerHandler(exchangeB.protocol(), exchangeB);
            b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            TestHosts.await(
                    "identify",
                    Duration.ofSeconds(20),
                    () -> b.peerProtocols(a.localPeerId()).contains(exchangeA.protocol()));

            exchangeB.askNewPeers();
            TestHosts.await(
                    "A's ready pool in B's",
                    Duration.ofSeconds(20),
                    () -> ledgerB.pool().size() == 6);
            assertEquals(
                    ledgerA.pool().stream().map(e -> ByteBuffer.wrap(e.hash())).toList(),
                    ledgerB.pool().stream().map(e -> ByteBuffer.wrap(e.hash())).toList());
            assertTrue(ledgerB.futurePool().isEmpty(), "the future one stays with A");
            assertEquals(5, chainB.account(bob.publicKey()).nextNonce());

            // asked once per connection: a second round adds nothing and asks nobody
            exchangeB.askNewPeers();
            assertEquals(0, exchangeB.fetch(a.localPeerId()), "all known already");
        }
    }

    @Test
    void aForgedTransactionInTheAnswerGetsThePeerBanned() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain chainB = chain("b")) {
            byte[] g = chainB.genesisHash();
            LedgerService ledgerB = new LedgerService(chainB.chain(), () -> "test");
            Host b = hosts.start();
            PoolExchange exchangeB = new PoolExchange(ledgerB, b, Duration.ofMinutes(1), fetches);
            // the rogue peer answers one forged transaction
            Host rogue = hosts.start();
            byte[] forged = transfer(DevKeys.derive("//Bob"), g, 0).encoded();
            forged[forged.length - 1] ^= 1;
            rogue.registerHandler(exchangeB.protocol(), stream -> {
                stream.readMessage(4).get(5, TimeUnit.SECONDS);
                stream.writeMessage(ByteBuffer.allocate(4).putInt(1).array()).get(5, TimeUnit.SECONDS);
                stream.writeMessage(forged).get(5, TimeUnit.SECONDS);
                stream.closeWrite();
            });
            b.connect(rogue.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            TestHosts.await(
                    "identify",
                    Duration.ofSeconds(20),
                    () -> b.peerProtocols(rogue.localPeerId()).contains(exchangeB.protocol()));

            assertEquals(0, exchangeB.fetch(rogue.localPeerId()));
            assertTrue(b.bans().isBanned(rogue.localPeerId()));
            // the ban closes the connection asynchronously
            TestHosts.await("disconnected", Duration.ofSeconds(20), () -> !b.isConnected(rogue.localPeerId()));
            assertEquals(List.of(), ledgerB.pool());
        }
    }
}
