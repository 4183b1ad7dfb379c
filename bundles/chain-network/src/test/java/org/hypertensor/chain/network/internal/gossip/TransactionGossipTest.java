package org.hypertensor.chain.network.internal.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerService;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes with real chains (ledger on Derby) and real p2p hosts on loopback: a transaction submitted
 * on one reaches the other's pool through gossip; a forged one is rejected there and its pool stays empty.
 */
class TransactionGossipTest {

    private static final String SPEC = """
            {"name":"gossip test","id":"gossip-test","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"subsidy","version":1}],
             "validators":["//Alice"],
             "genesis":{"balances":{"accounts":[{"account":"//Alice","free":"100 TENSOR"},
                                               {"account":"//Bob","free":"100 TENSOR"}]}}}""";

    @TempDir
    Path dir;

    private LocalChain chain(String name) throws Exception {
        return LocalChain.builder().spec(SPEC).directory(dir.resolve(name)).open();
    }

    private static GossipRouter router(Host host) {
        GossipRouter router = new GossipRouter(host, GossipConfig.defaults());
        router.start();
        return router;
    }

    /** 10 base units to //Charlie. */
    private static void publish(GossipRouter router, String topic, SignedTransaction tx) throws Exception {
        router.publish(topic, tx.encoded()).get(5, TimeUnit.SECONDS);
    }

    private static Call transfer() {
        return new Call(
                "balances",
                "transfer",
                new Encoder()
                        .fixed(DevKeys.derive("//Charlie").publicKey())
                        .u128(BigInteger.TEN)
                        .toByteArray());
    }

    @Test
    void aPooledTransactionReachesThePeersPoolAndAForgedOneDoesNot() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain chainA = chain("a");
                LocalChain chainB = chain("b")) {
            Host a = hosts.start();
            Host b = hosts.start();
            GossipRouter routerA = router(a);
            GossipRouter routerB = router(b);
            try {
                LedgerService ledgerA = new LedgerService(chainA.chain(), () -> "test");
                LedgerService ledgerB = new LedgerService(chainB.chain(), () -> "test");
                TransactionGossip gossipA = new TransactionGossip(ledgerA, routerA);
                TransactionGossip gossipB = new TransactionGossip(ledgerB, routerB);
                chainA.chain().addPoolListener(gossipA);
                chainB.chain().addPoolListener(gossipB);
                a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                String topic = TransactionGossip.topicFor(chainA.genesisHash());
                TestHosts.await(
                        "mesh",
                        Duration.ofSeconds(10),
                        () -> routerA.meshPeers(topic).size() == 1);

                Ed25519KeyPair bob = DevKeys.derive("//Bob");
                Call transfer = transfer();
                SignedTransaction tx = SignedTransaction.sign(bob, chainA.genesisHash(), 0, BigInteger.ZERO, transfer);
                ledgerA.submit(tx);
                TestHosts.await(
                        "the transaction in B's pool",
                        Duration.ofSeconds(10),
                        () -> chainB.chain().poolSize() == 1);
                assertEquals(1, chainB.account(bob.publicKey()).nextNonce());
                // B pooled it from gossip and did not publish it back: A's pool still holds just the one.
                assertEquals(1, chainA.chain().poolSize());

                byte[] forged = SignedTransaction.sign(bob, chainA.genesisHash(), 1, BigInteger.ZERO, transfer)
                        .encoded();
                forged[forged.length - 1] ^= 1;
                routerA.publish(topic, forged).get(5, TimeUnit.SECONDS);
                // A barrier instead of a sleep: the valid transaction with the same nonce, published after the forged
                // one, reaches B after B has judged the forged one (one stream, delivered in order).
                SignedTransaction valid =
                        SignedTransaction.sign(bob, chainA.genesisHash(), 1, BigInteger.ZERO, transfer);
                ledgerA.submit(valid);
                TestHosts.await(
                        "the valid transaction after the forged one in B's pool",
                        Duration.ofSeconds(10),
                        () -> chainB.chain().poolSize() >= 2);
                assertEquals(2, chainB.chain().poolSize(), "the forged transaction stays out");
                assertTrue(
                        chainB.chain().pool().stream().anyMatch(t -> java.util.Arrays.equals(t.hash(), valid.hash())),
                        "the pooled nonce-1 transaction is the valid one");
                // delivery to B's subscriber follows validation on the gossip delivery thread
                TestHosts.await("B's subscriber got both", Duration.ofSeconds(10), () -> gossipB.counts()[1] >= 2);
                assertFalse(chainB.chain().pool().isEmpty());
                gossipA.close();
                gossipB.close();
            } finally {
                routerA.close();
                routerB.close();
            }
        }
    }

    /**
     * A - B - C in a line: a transaction whose nonce skips ahead, gossiped by A, is kept by B as future but
     * not forwarded to C; once A gossips the missing nonce, B forwards it and the one it unblocked.
     */
    @Test
    void aFutureNonceIsKeptButNotRelayedUntilItsGapFills() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain chainB = chain("b");
                LocalChain chainC = chain("c")) {
            Host a = hosts.start();
            Host b = hosts.start();
            Host c = hosts.start();
            GossipRouter routerA = router(a);
            GossipRouter routerB = router(b);
            GossipRouter routerC = router(c);
            try {
                TransactionGossip gossipB =
                        new TransactionGossip(new LedgerService(chainB.chain(), () -> "test"), routerB);
                TransactionGossip gossipC =
                        new TransactionGossip(new LedgerService(chainC.chain(), () -> "test"), routerC);
                chainB.chain().addPoolListener(gossipB);
                chainC.chain().addPoolListener(gossipC);
                String topic = TransactionGossip.topicFor(chainB.genesisHash());
                // A only publishes raw bytes: an attacker's node without a pool.
                routerA.subscribe(topic, m -> {});
                a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                b.connect(c.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                TestHosts.await(
                        "mesh",
                        Duration.ofSeconds(10),
                        () -> routerB.meshPeers(topic).size() == 2
                                && routerC.meshPeers(topic).size() == 1);

                Ed25519KeyPair bob = DevKeys.derive("//Bob");
                Ed25519KeyPair alice = DevKeys.derive("//Alice");
                Call transfer = transfer();
                byte[] g = chainB.genesisHash();
                publish(routerA, topic, SignedTransaction.sign(bob, g, 1, BigInteger.ZERO, transfer));
                // Barrier: a ready transaction published after it reaches C through B.
                publish(routerA, topic, SignedTransaction.sign(alice, g, 0, BigInteger.ZERO, transfer));
                TestHosts.await(
                        "the ready one in C's pool",
                        Duration.ofSeconds(10),
                        () -> chainC.chain().poolSize() == 1);
                assertEquals(1, chainB.chain().futurePool().size(), "B keeps the future one");
                assertEquals(0, chainC.chain().futurePool().size(), "B did not forward it");
                assertEquals(1, chainC.chain().pool().size());

                publish(routerA, topic, SignedTransaction.sign(bob, g, 0, BigInteger.ZERO, transfer));
                TestHosts.await(
                        "Bob's nonces 0 and 1 ready in C's pool",
                        Duration.ofSeconds(10),
                        () -> chainC.chain().pool().size() == 3);
                assertEquals(0, chainB.chain().futurePool().size());
                assertEquals(2, chainC.account(bob.publicKey()).nextNonce());
                gossipB.close();
                gossipC.close();
            } finally {
                routerA.close();
                routerB.close();
                routerC.close();
            }
        }
    }
}
