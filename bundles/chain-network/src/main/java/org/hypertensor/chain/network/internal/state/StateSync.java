package org.hypertensor.chain.network.internal.state;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.chain.network.internal.gossip.Topics;
import org.hypertensor.chain.network.internal.sync.SyncClient;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ChainBootstrap;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.util.concurrent.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an empty chain from a peer's state (Substrate's warp sync, simplified). It asks the connected
 * peers for their finalized height (block sync protocol), takes the highest, fetches that block with its
 * certificate and has the ledger check it against the chain spec's validators ({@link ChainBootstrap}).
 * Then it downloads the block's state as consecutive chunks in key-hash order over the state protocol,
 * from its peers in turn (the next chunk is asked for while the current one is verified), verifies each
 * against the block's state root ({@link ChunkVerifier}), imports the leaves, and commits: the ledger opens
 * the chain at that block, and block sync takes over from there. A peer whose block or chunk does not
 * prove is banned and the chunk is asked of another peer.
 */
public final class StateSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateSync.class);
    private static final long LOG_EVERY_MS = 5_000;
    /** Read limit: the server's answer limit plus room for two proofs of the largest values. */
    private static final int MAX_RESPONSE = StateMessages.MAX_RESPONSE_BYTES + 3 * 1024 * 1024;

    private final ChainBootstrap bootstrap;
    private final P2pNetwork network;
    private final Settings settings;
    private final Clock clock;
    private final String protocol;
    private final SyncClient blocks;
    private final ExecutorService decoder;
    private final StateSyncProgress progress;
    private final List<PeerId> banned = new ArrayList<>();
    private long lastLogMs;
    private int rotation;

    /**
     * @param chunkLeaves leaves asked per chunk
     * @param timeout a peer's time to answer one request
     * @param ban how long a peer that served a bad block or chunk is refused
     * @param retry pause before trying again when no peer could serve (no peers yet, all failed)
     */
    public record Settings(int chunkLeaves, Duration timeout, Duration ban, Duration retry) {}

    public StateSync(ChainBootstrap bootstrap, P2pNetwork network, Settings settings, Clock clock) {
        this.bootstrap = bootstrap;
        this.network = network;
        this.settings = settings;
        this.clock = clock;
        this.protocol = protocolFor(bootstrap.genesisHash());
        this.decoder = Executors.newFixedThreadPool(2, NamedThreads.numbered("state-sync-decode"));
        this.blocks = new SyncClient(network, Topics.of(bootstrap.genesisHash(), "sync"), settings.timeout(), decoder);
        this.progress = new StateSyncProgress(clock);
    }

    /** {@code /hypertensor/<genesis prefix>/state/1}. */
    public static String protocolFor(byte[] genesisHash) {
        return Topics.of(genesisHash, "state");
    }

    public StateSyncProgress.Status status() {
        return progress.status();
    }

    /** Runs until a state is imported (returns its block) or the thread is interrupted. */
    public BlockInfo run() throws InterruptedException {
        while (true) {
            Optional<BlockInfo> started = attempt();
            if (started.isPresent()) {
                return started.get();
            }
            progress.phase("waiting");
            TimeUnit.MILLISECONDS.sleep(settings.retry().toMillis());
        }
    }

    private Optional<BlockInfo> attempt() throws InterruptedException {
        List<PeerId> peers = connectedPeers();
        List<PeerId> servers = new ArrayList<>();
        long target = 0;
        for (PeerId p : peers) {
            Optional<SyncClient.Status> s = await(blocks.peerStatus(p), p);
            if (s.isEmpty() || !Arrays.equals(s.get().genesisHash(), bootstrap.genesisHash())) {
                continue;
            }
            if (s.get().finalized() > target) {
                target = s.get().finalized();
                servers.clear();
            }
            if (s.get().finalized() == target && target > 0) {
                servers.add(p);
            }
        }
        if (servers.isEmpty()) {
            LOG.info("State sync: no peer of this chain with a finalized block yet ({} connected)", peers.size());
            return Optional.empty();
        }
        PeerId source = servers.get(0);
        Optional<List<FinalizedBlock>> served = await(blocks.finalizedBlocks(source, target, 1), source);
        if (served.isEmpty() || served.get().size() != 1) {
            return Optional.empty();
        }
        FinalizedBlock block = served.get().get(0);
        BlockInfo start;
        try {
            start = bootstrap.check(block);
        } catch (ConsensusException e) {
            if (e.invalidBlock()) {
                ban(source, "served finalized block #" + target + " that does not verify: " + e.getMessage());
            } else {
                LOG.warn("State sync: block #{} from {} not usable: {}", target, source, e.getMessage());
            }
            return Optional.empty();
        }
        LOG.info("State sync: downloading the state at finalized block #{} from {} peers", target, servers.size());
        progress.begin(target);
        try (StateImport into = bootstrap.importState(block)) {
            if (!download(start, servers, into)) {
                return Optional.empty();
            }
            progress.phase("committing");
            into.commit();
        } catch (ConsensusException | StoreException e) {
            LOG.warn("State sync at #{} failed: {}", target, e.getMessage());
            return Optional.empty();
        }
        progress.phase("done");
        StateSyncProgress.Status s = progress.status();
        LOG.info(
                "State sync done: {} keys ({} KiB) at block #{}, {} keys/s; following the chain from there",
                s.keys(),
                s.bytes() / 1024,
                target,
                s.keysPerSecond());
        return Optional.of(start);
    }

    /** Downloads, verifies and imports every chunk; false when no peer is left to serve one. */
    private boolean download(BlockInfo start, List<PeerId> candidates, StateImport into) throws InterruptedException {
        List<PeerId> servers = new ArrayList<>(candidates);
        byte[] root = start.stateRoot();
        byte[] from = new byte[KeyHashes.LENGTH];
        boolean first = true;
        Pending pending = request(servers, start.number(), from);
        while (true) {
            if (pending == null) {
                return false;
            }
            StateMessages.Response answer;
            try {
                answer = pending.answer().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.info("State sync: {} did not serve a chunk: {}", pending.peer(), e.toString());
                servers.remove(pending.peer());
                pending = request(servers, start.number(), from);
                continue;
            }
            if (answer.error() != null) {
                LOG.info("State sync: {} does not serve the state: {}", pending.peer(), answer.error());
                servers.remove(pending.peer());
                pending = request(servers, start.number(), from);
                continue;
            }
            StateChunk chunk = answer.chunk();
            List<StateChunk.Leaf> leaves = chunk.leaves();
            // Ask for the next chunk now; it is dropped if this one does not prove.
            Pending next = leaves.size() >= 2
                    ? request(
                            servers,
                            start.number(),
                            Hashes.blake2b256(leaves.get(leaves.size() - 1).key()))
                    : null;
            String fault = null;
            ChunkVerifier.Verified v = null;
            try {
                v = ChunkVerifier.verify(root, from, chunk);
                if (first && !v.first()) {
                    fault = "the first chunk does not start at the state's first leaf";
                } else if (!first && !Arrays.equals(v.firstKeyHash(), from)) {
                    fault = "a chunk does not start at the leaf it was asked from";
                } else if (!v.last() && leaves.size() < 2) {
                    fault = "a chunk of one leaf that is not the state's last";
                }
            } catch (BadChunkException e) {
                fault = e.getMessage();
            }
            if (fault != null) {
                if (next != null) {
                    next.answer().cancel(true);
                }
                ban(pending.peer(), "served a state chunk that does not prove: " + fault);
                servers.remove(pending.peer());
                pending = request(servers, start.number(), from);
                continue;
            }
            long size = 0;
            for (int i = first ? 0 : 1; i < leaves.size(); i++) {
                StateChunk.Leaf leaf = leaves.get(i);
                into.put(leaf.key(), leaf.value());
                size += leaf.size();
            }
            progress.imported(first ? leaves.size() : Math.max(0, leaves.size() - 1), size, v.lastKeyHash());
            logProgress();
            if (v.last()) {
                if (next != null) {
                    next.answer().cancel(true);
                }
                return true;
            }
            from = v.lastKeyHash();
            first = false;
            pending = next;
        }
    }

    private record Pending(PeerId peer, CompletableFuture<StateMessages.Response> answer) {}

    private Pending request(List<PeerId> servers, long number, byte[] from) {
        if (servers.isEmpty()) {
            LOG.warn("State sync: no peer left to serve the state at #{}", number);
            return null;
        }
        PeerId peer = servers.get(Math.floorMod(rotation++, servers.size()));
        byte[] request = StateMessages.encode(new StateMessages.Request(number, from, settings.chunkLeaves()));
        return new Pending(
                peer,
                SyncClient.exchange(
                        network,
                        peer,
                        protocol,
                        request,
                        MAX_RESPONSE,
                        StateMessages::decodeResponse,
                        settings.timeout(),
                        decoder));
    }

    private <T> Optional<T> await(CompletableFuture<T> answer, PeerId peer) throws InterruptedException {
        try {
            return Optional.of(answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("State sync: {} did not answer: {}", peer, e.toString());
            return Optional.empty();
        }
    }

    private void ban(PeerId peer, String reason) {
        LOG.warn("Banning peer {} for {} min: {}", peer, settings.ban().toMinutes(), reason);
        synchronized (banned) {
            banned.add(peer);
        }
        progress.banned();
        network.ban(peer, settings.ban(), reason);
    }

    private List<PeerId> connectedPeers() {
        PeerId self = network.localPeerId();
        List<PeerId> out = new ArrayList<>();
        synchronized (banned) {
            for (PeerConnection c : network.connections()) {
                PeerId p = c.peer();
                if (!p.equals(self) && !banned.contains(p) && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private void logProgress() {
        long now = clock.millis();
        if (now - lastLogMs >= LOG_EVERY_MS) {
            lastLogMs = now;
            StateSyncProgress.Status s = progress.status();
            LOG.info(
                    "State sync at #{}: {} keys ({} KiB), {} keys/s, ~{} %",
                    s.block(), s.keys(), s.bytes() / 1024, s.keysPerSecond(), s.percent());
        }
    }

    @Override
    public void close() {
        decoder.shutdownNow();
    }
}
