package org.hypertensor.chain.network.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.chain.network.internal.osgi.ChainNetworkComponent;
import org.hypertensor.chain.network.internal.sync.BlockSync;
import org.hypertensor.chain.network.internal.sync.NetworkImports;
import org.hypertensor.chain.network.internal.sync.SyncServer;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerBootstrap;
import org.hypertensor.ledger.internal.osgi.LedgerConsensus;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real chains (LocalChain on Derby) on real p2p hosts on loopback: a fresh node joins by state sync from
 * its peers' finalized state, which needs many chunks, gets their state root, then follows the chain by
 * block sync and reopens after a restart; a peer serving a chunk that does not prove is banned while the
 * sync completes from an honest peer.
 */
class StateSyncTest {

    private static final int ACCOUNTS = Integer.getInteger("statesync.accounts", 3000);
    private static final String SPEC = spec(ACCOUNTS);
    private static final StateSync.Settings SETTINGS =
            new StateSync.Settings(256, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMillis(200));
    private static final BlockSync.Settings BLOCK_SYNC =
            new BlockSync.Settings(256, 4, Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofMinutes(5));

    @TempDir
    Path dir;

    /** One validator (//Alice) and {@code accounts} funded accounts at genesis: that many state keys and more. */
    static String spec(int accounts) {
        Random rnd = new Random(42);
        StringBuilder list = new StringBuilder();
        byte[] key = new byte[32];
        for (int i = 0; i < accounts; i++) {
            rnd.nextBytes(key);
            list.append(i == 0 ? "" : ",")
                    .append("{\"account\":\"0x")
                    .append(HexFormat.of().formatHex(key))
                    .append("\",\"free\":\"")
                    .append(1 + i)
                    .append(" TENSOR\"}");
        }
        return "{\"name\":\"state sync test\",\"id\":\"state-sync-test\",\"dev\":true,\"blockTimeMs\":1000,"
                + "\"modules\":[{\"name\":\"balances\",\"version\":1},{\"name\":\"subsidy\",\"version\":1}],"
                + "\"validators\":[\"//Alice\"],"
                + "\"genesis\":{\"balances\":{\"accounts\":[{\"account\":\"//Bob\",\"free\":\"100 TENSOR\"}," + list
                + "]}}}";
    }

    @Test
    void aFreshNodeJoinsByStateSyncThenFollowsTheChain() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (TestHosts hosts = new TestHosts();
                LocalChain a = open("a");
                LocalChain b = open("b")) {
            a.produceBlocks(12);
            b.produceBlocks(12);
            Host ha = serve(hosts, a);
            Host hb = serve(hosts, b);
            Host hf = hosts.start();
            hf.connect(ha.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            hf.connect(hb.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            BlockInfo atN = a.head();
            long keys = a.chain().state().size();
            assertTrue(keys > 10 * SETTINGS.chunkLeaves(), "a state of many chunks: " + keys + " keys");

            LocalChain fresh = LocalChain.builder()
                    .spec(SPEC)
                    .directory(dir.resolve("fresh"))
                    .stateSync()
                    .open();
            try (StateSync sync = new StateSync(new LedgerBootstrap(fresh.chain()), hf, SETTINGS, Clock.systemUTC())) {
                assertTrue(fresh.chain().empty(), "no genesis built on a node that joins by state sync");
                CompletableFuture<BlockInfo> started = CompletableFuture.supplyAsync(() -> run(sync), runner);
                BlockInfo start = started.get(240, TimeUnit.SECONDS);
                assertEquals(atN.number(), start.number());
                StateSyncProgress.Status status = sync.status();
                assertEquals("done", status.phase());
                assertEquals(keys, status.keys());
                assertEquals(0, status.bannedPeers());
            }
            assertEquals(atN.number(), fresh.head().number());
            assertArrayEquals(atN.hash(), fresh.head().hash());
            assertArrayEquals(atN.stateRoot(), fresh.chain().state().root(), "the peer's state root at N");
            assertArrayEquals(a.genesisHash(), fresh.genesisHash());
            assertEquals(keys, fresh.chain().state().size());
            assertTrue(fresh.chain().block(atN.number() - 1).isEmpty(), "no blocks below N");

            // Following: block sync imports (re-executes) the blocks after N.
            ConsensusChain freshChain = new LedgerConsensus(fresh.chain());
            try (BlockSync follow = new BlockSync(
                    freshChain, new NetworkImports(freshChain), hf, protocol(a), BLOCK_SYNC, Clock.systemUTC())) {
                follow.start();
                for (int round = 0; round < 3; round++) {
                    BlockInfo next = a.produceBlocks(3);
                    b.produceBlocks(3);
                    TestHosts.await(
                            "the fresh node at #" + next.number(),
                            Duration.ofSeconds(60),
                            () -> fresh.head().number() == next.number());
                    assertArrayEquals(next.hash(), fresh.head().hash());
                    assertArrayEquals(next.stateRoot(), fresh.head().stateRoot());
                }
            }
            fresh.assertInvariants();
            // A restart opens the synced chain without genesis (its hash from beside the database).
            fresh.close();
            try (LocalChain reopened = LocalChain.builder()
                    .spec(SPEC)
                    .directory(dir.resolve("fresh"))
                    .stateSync()
                    .open()) {
                assertArrayEquals(a.head().hash(), reopened.head().hash());
                assertArrayEquals(a.genesisHash(), reopened.genesisHash());
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aPeerServingAChunkThatDoesNotProveIsBanned() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (TestHosts hosts = new TestHosts();
                LocalChain honest = open("honest");
                LocalChain forger = open("forger");
                LocalChain fresh = LocalChain.builder()
                        .spec(SPEC)
                        .directory(dir.resolve("fresh"))
                        .stateSync()
                        .open()) {
            honest.produceBlocks(5);
            forger.produceBlocks(5);
            // The forger serves its real chain and real chunks, except that it drops one leaf from each chunk.
            AtomicInteger forged = new AtomicInteger();
            Host bad = hosts.start();
            ConsensusChain forgerChain = new LedgerConsensus(forger.chain());
            bad.registerHandler(protocol(forger), new SyncServer(forgerChain, 256));
            bad.registerHandler(
                    StateSync.protocolFor(forger.genesisHash()),
                    new DroppingServer(new StateServer(forgerChain, 4096), forged));
            Host good = serve(hosts, honest);
            Host hf = hosts.start();
            hf.connect(bad.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            hf.connect(good.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            try (StateSync sync = new StateSync(new LedgerBootstrap(fresh.chain()), hf, SETTINGS, Clock.systemUTC())) {
                BlockInfo start =
                        CompletableFuture.supplyAsync(() -> run(sync), runner).get(240, TimeUnit.SECONDS);
                assertEquals(5, start.number());
                assertTrue(forged.get() >= 1, "the forger was asked for a chunk");
                assertEquals(1, sync.status().bannedPeers());
                TestHosts.await(
                        "the forger disconnected", Duration.ofSeconds(10), () -> !hf.isConnected(bad.localPeerId()));
                assertFalse(
                        hf.connect(bad.listenAddresses().get(0))
                                .handle((p, e) -> e == null)
                                .get(10, TimeUnit.SECONDS),
                        "a banned peer cannot reconnect");
            }
            assertArrayEquals(honest.head().stateRoot(), fresh.chain().state().root());
            assertEquals(honest.chain().state().size(), fresh.chain().state().size());
        } finally {
            runner.shutdownNow();
        }
    }

    private static BlockInfo run(StateSync sync) {
        try {
            return sync.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private LocalChain open(String name) throws Exception {
        return LocalChain.builder().spec(SPEC).directory(dir.resolve(name)).open();
    }

    private static String protocol(LocalChain chain) {
        return ChainNetworkComponent.protocolFor(chain.genesisHash());
    }

    /** A node's host that serves both block sync and the state protocol from its chain. */
    private static Host serve(TestHosts hosts, LocalChain chain) throws Exception {
        Host h = hosts.start();
        ConsensusChain consensus = new LedgerConsensus(chain.chain());
        h.registerHandler(protocol(chain), new SyncServer(consensus, 256));
        h.registerHandler(StateSync.protocolFor(chain.genesisHash()), new StateServer(consensus, 4096));
        return h;
    }

    /** A malicious state server on a real socket: the honest answer with the middle leaf of the chunk dropped. */
    private record DroppingServer(StateServer real, AtomicInteger forged) implements ProtocolHandler {
        @Override
        public void handle(P2pStream stream) {
            try {
                StateMessages.Request request =
                        StateMessages.decodeRequest(stream.readMessage(64).get(30, TimeUnit.SECONDS));
                StateMessages.Response answer = real.answer(request);
                List<StateChunk.Leaf> leaves = new ArrayList<>(answer.chunk().leaves());
                if (leaves.size() > 2) {
                    leaves.remove(leaves.size() / 2);
                    forged.incrementAndGet();
                }
                StateChunk chunk = new StateChunk(
                        leaves, answer.chunk().firstProof(), answer.chunk().lastProof());
                stream.writeMessage(StateMessages.encode(new StateMessages.Response(chunk, answer.error())))
                        .get(30, TimeUnit.SECONDS);
                stream.closeWrite();
            } catch (Exception e) {
                stream.reset();
            }
        }
    }
}
