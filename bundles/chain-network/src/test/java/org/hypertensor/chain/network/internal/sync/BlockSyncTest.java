package org.hypertensor.chain.network.internal.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hypertensor.chain.network.internal.gossip.BlockGossip;
import org.hypertensor.chain.network.internal.osgi.ChainNetworkComponent;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.block.Header;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerConsensus;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.db.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real chains (LocalChain on Derby) on real p2p hosts on loopback: a fresh node syncs a long chain from
 * two peers, checking every certificate and re-executing every block, then follows new blocks through
 * gossip; peers serving a block with a bad certificate or a wrong state root are banned and their blocks
 * never imported. {@code -Dsync.blocks=10000} for the full-length run (the CI default is shorter).
 */
class BlockSyncTest {

    private static final String SPEC = """
            {"name":"sync test","id":"sync-test","dev":true,"blockTimeMs":1000,
             "modules":[{"name":"balances","version":1},{"name":"subsidy","version":1}],
             "validators":["//Alice"],
             "genesis":{"balances":{"accounts":[{"account":"//Bob","free":"100 TENSOR"}]}}}""";

    private static final int BLOCKS = Integer.getInteger("sync.blocks", 1500);

    @TempDir
    Path dir;

    private static final BlockSync.Settings SETTINGS =
            new BlockSync.Settings(256, 4, Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofMinutes(5));

    @Test
    void aFreshNodeSyncsFromTwoPeersThenFollowsGossip() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain a = open("a");
                LocalChain b = open("b");
                LocalChain fresh = open("fresh")) {
            // Same spec, same author, same timestamps: a and b build the very same chain.
            a.produceBlocks(BLOCKS);
            b.produceBlocks(BLOCKS);
            assertArrayEquals(a.head().hash(), b.head().hash());
            Host ha = serve(hosts, new LedgerConsensus(a.chain()));
            Host hb = serve(hosts, new LedgerConsensus(b.chain()));
            Host hf = hosts.start();
            ConsensusChain freshChain = new LedgerConsensus(fresh.chain());
            NetworkImports imports = new NetworkImports(freshChain);
            GossipRouter ra = new GossipRouter(ha, GossipConfig.defaults());
            GossipRouter rf = new GossipRouter(hf, GossipConfig.defaults());
            ra.start();
            rf.start();
            try (BlockSync sync = new BlockSync(freshChain, imports, hf, protocol(fresh), SETTINGS, Clock.systemUTC());
                    BlockGossip gossipA = new BlockGossip(
                            new LedgerConsensus(a.chain()),
                            new NetworkImports(new LedgerConsensus(a.chain())),
                            ra,
                            () -> {});
                    BlockGossip gossipF = new BlockGossip(freshChain, imports, rf, sync::wake)) {
                a.chain().addListener(gossipA);
                hf.connect(ha.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                hf.connect(hb.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                sync.start();
                TestHosts.await(
                        "the fresh node at block " + BLOCKS,
                        Duration.ofSeconds(240),
                        () -> fresh.head().number() == BLOCKS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("synced %d blocks in %.1f s (%.0f blocks/s)%n", BLOCKS, seconds, BLOCKS / seconds);
                assertArrayEquals(a.head().hash(), fresh.head().hash());
                assertArrayEquals(a.head().stateRoot(), fresh.head().stateRoot());
                assertEquals(BLOCKS, sync.state().importedBlocks());
                assertEquals(2, sync.state().peers(), "both peers answered");
                assertEquals(0, sync.state().bannedPeers());

                // Following: a's new blocks reach the fresh node through the blocks topic.
                String topic = BlockGossip.topicFor(a.genesisHash());
                TestHosts.await(
                        "mesh",
                        Duration.ofSeconds(10),
                        () -> ra.meshPeers(topic).size() == 1);
                BlockInfo next = a.produceBlocks(3);
                TestHosts.await(
                        "the fresh node following a",
                        Duration.ofSeconds(20),
                        () -> fresh.head().number() == next.number());
                assertArrayEquals(next.hash(), fresh.head().hash());
                assertTrue(gossipF.counts()[1] >= 1, "imported from gossip, not only by sync");
            } finally {
                ra.close();
                rf.close();
            }
        }
    }

    @Test
    void peersServingABadCertificateOrAWrongStateRootAreBanned() throws Exception {
        try (TestHosts hosts = new TestHosts();
                LocalChain good = open("good");
                LocalChain forger = open("forger");
                LocalChain fresh = open("fresh")) {
            good.produceBlocks(40);
            forger.produceBlocks(40);
            ConsensusChain honest = new LedgerConsensus(forger.chain());
            // Serves block 10 with its certificate's last byte flipped.
            Host badCert = serve(
                    hosts,
                    new Tampering(
                            honest, 10, b -> new FinalizedBlock(b.number(), b.encoded(), flipLast(b.certificate()))));
            // Serves block 20 with a header whose state root is wrong, resealed by the real author so
            // only re-execution can tell.
            Host badRoot = serve(hosts, new Tampering(honest, 20, BlockSyncTest::wrongStateRoot));
            ConsensusChain freshChain = new LedgerConsensus(fresh.chain());
            Host hf = hosts.start();
            try (BlockSync sync = new BlockSync(
                    freshChain, new NetworkImports(freshChain), hf, protocol(fresh), SETTINGS, Clock.systemUTC())) {
                // One forger at a time, so each is the one asked for its bad block.
                hf.connect(badCert.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                sync.start();
                TestHosts.await(
                        "the certificate forger banned",
                        Duration.ofSeconds(60),
                        () -> sync.state().bannedPeers() == 1);
                assertEquals(9, fresh.head().number(), "blocks up to the bad certificate imported, not past");
                TestHosts.await(
                        "the certificate forger disconnected",
                        Duration.ofSeconds(10),
                        () -> !hf.isConnected(badCert.localPeerId()));
                hf.connect(badRoot.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                TestHosts.await(
                        "the state-root forger banned",
                        Duration.ofSeconds(60),
                        () -> sync.state().bannedPeers() == 2);
                assertEquals(19, fresh.head().number(), "blocks up to the wrong state root imported, not past");
                TestHosts.await(
                        "the state-root forger disconnected",
                        Duration.ofSeconds(10),
                        () -> !hf.isConnected(badRoot.localPeerId()));
                assertTrue(
                        hf.connect(badCert.listenAddresses().get(0))
                                .handle((p, e) -> e != null)
                                .get(10, TimeUnit.SECONDS),
                        "a banned peer cannot reconnect");
                // An honest peer then brings the node to the head.
                Host honestHost = serve(hosts, new LedgerConsensus(good.chain()));
                hf.connect(honestHost.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                TestHosts.await(
                        "synced from the honest peer",
                        Duration.ofSeconds(60),
                        () -> fresh.head().number() == 40);
                assertArrayEquals(good.head().stateRoot(), fresh.head().stateRoot());
            }
        }
    }

    @Test
    void aPruningPeerRefusesOldBlocksClearlyAndIsNotBannedWhileAFullPeerServesThem() throws Exception {
        int blocks = 60;
        int keep = 10;
        try (TestHosts hosts = new TestHosts();
                LocalChain full = open("full");
                LocalChain pruning = LocalChain.builder()
                        .spec(SPEC)
                        .directory(dir.resolve("pruning"))
                        .storeFactory(new DerbyChainStoreFactory(StoreOptions.DEFAULTS.withBlocksKeep(keep)))
                        .open();
                LocalChain fresh = open("fresh")) {
            full.produceBlocks(blocks);
            pruning.produceBlocks(blocks);
            assertArrayEquals(full.head().hash(), pruning.head().hash());
            ConsensusChain pruningChain = new LedgerConsensus(pruning.chain());
            long keptFrom = blocks - keep + 1;
            TestHosts.await("old bodies pruned", Duration.ofSeconds(60), () -> pruningChain.bodiesFrom() == keptFrom);
            Host hp = serve(hosts, pruningChain);
            Host hf = hosts.start();
            ConsensusChain freshChain = new LedgerConsensus(fresh.chain());
            ExecutorService decoder = Executors.newSingleThreadExecutor();
            try (BlockSync sync = new BlockSync(
                    freshChain, new NetworkImports(freshChain), hf, protocol(fresh), SETTINGS, Clock.systemUTC())) {
                hf.connect(hp.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                // Asked for a pruned block, the peer says so (and from where it keeps blocks), serving nothing.
                SyncClient client = new SyncClient(hf, protocol(fresh), Duration.ofSeconds(20), decoder);
                SyncMessages.Response refused =
                        client.blocks(hp.localPeerId(), 1, 10).get(20, TimeUnit.SECONDS);
                assertTrue(refused.blocks().isEmpty());
                assertEquals(keptFrom, refused.bodiesFrom());
                assertTrue(refused.error().contains("not kept"), refused.error());
                assertEquals(
                        keep,
                        client.blocks(hp.localPeerId(), keptFrom, keep)
                                .get(20, TimeUnit.SECONDS)
                                .blocks()
                                .size(),
                        "the blocks it keeps are served");

                sync.start();
                TestHosts.await(
                        "the pruning peer's height known",
                        Duration.ofSeconds(30),
                        () -> sync.state().highestBlock() == blocks);
                assertEquals(0, fresh.head().number(), "no other source of the early blocks yet");
                assertEquals(0, sync.state().bannedPeers());

                // A full peer serves the early blocks; the pruning peer stays connected and unbanned.
                Host hfull = serve(hosts, new LedgerConsensus(full.chain()));
                hf.connect(hfull.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
                TestHosts.await(
                        "synced with the full peer's help",
                        Duration.ofSeconds(60),
                        () -> fresh.head().number() == blocks);
                assertArrayEquals(full.head().stateRoot(), fresh.head().stateRoot());
                assertEquals(0, sync.state().bannedPeers(), "the pruning peer is honest");
                assertTrue(hf.isConnected(hp.localPeerId()), "the pruning peer is still connected");
                assertEquals(2, sync.state().peers());
            } finally {
                decoder.shutdownNow();
            }
        }
    }

    private LocalChain open(String name) throws Exception {
        return LocalChain.builder().spec(SPEC).directory(dir.resolve(name)).open();
    }

    private static String protocol(LocalChain chain) {
        return ChainNetworkComponent.protocolFor(chain.genesisHash());
    }

    private static Host serve(TestHosts hosts, ConsensusChain chain) throws Exception {
        Host h = hosts.start();
        h.registerHandler(ChainNetworkComponent.protocolFor(chain.genesisHash()), new SyncServer(chain, 256));
        return h;
    }

    private static byte[] flipLast(byte[] bytes) {
        byte[] out = bytes.clone();
        out[out.length - 1] ^= 1;
        return out;
    }

    private static FinalizedBlock wrongStateRoot(FinalizedBlock served) {
        Block block = Block.decode(served.encoded());
        Header h = block.header();
        Header forged = new Header(
                h.parentHash(),
                h.number(),
                h.timestamp(),
                flipLast(h.stateRoot()),
                h.transactionsRoot(),
                h.author(),
                h.parentCertificate());
        byte[] seal = DevKeys.derive("//Alice").sign(forged.hash());
        return new FinalizedBlock(served.number(), new Block(forged, block.transactions(), seal).encode(), seal);
    }

    /** A peer's chain that serves one block altered (the peer is the forger; the sockets are real). */
    private record Tampering(ConsensusChain delegate, long number, UnaryOperator<FinalizedBlock> change)
            implements ConsensusChain {

        @Override
        public Optional<FinalizedBlock> finalizedBlock(long n) {
            return delegate.finalizedBlock(n).map(b -> n == number ? change.apply(b) : b);
        }

        @Override
        public byte[] genesisHash() {
            return delegate.genesisHash();
        }

        @Override
        public Optional<org.hypertensor.crypto.api.Signer> validatorKey() {
            return Optional.empty();
        }

        @Override
        public String chainId() {
            return delegate.chainId();
        }

        @Override
        public long blockTimeMs() {
            return delegate.blockTimeMs();
        }

        @Override
        public BlockInfo finalizedHead() {
            return delegate.finalizedHead();
        }

        @Override
        public org.hypertensor.ledger.api.consensus.ValidatorSet validators(long height)
                throws org.hypertensor.ledger.api.consensus.ConsensusException {
            return delegate.validators(height);
        }

        @Override
        public org.hypertensor.ledger.api.consensus.ActiveSet activeSet(long height)
                throws org.hypertensor.ledger.api.consensus.ConsensusException {
            return delegate.activeSet(height);
        }

        @Override
        public Optional<org.hypertensor.ledger.api.consensus.ValidatorSet> scheduledValidators() {
            return delegate.scheduledValidators();
        }

        @Override
        public int maxBlockTransactions() {
            return delegate.maxBlockTransactions();
        }

        @Override
        public byte[] submitEvidence(byte[] evidence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.hypertensor.ledger.api.consensus.CandidateBlock propose(
                org.hypertensor.crypto.api.Signer author, long timestampMs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.hypertensor.ledger.api.consensus.CandidateBlock execute(byte[] encodedBlock) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BlockInfo commit(byte[] blockHash, byte[] certificate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BlockInfo importFinalized(FinalizedBlock block) {
            throw new UnsupportedOperationException();
        }
    }
}
