package org.hypertensor.chain.network.internal.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.api.PeerHeight;
import org.hypertensor.chain.network.api.SyncState;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.concurrent.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node at its peers' finalized head. Every interval it asks the connected peers for their
 * finalized height; while a peer is ahead it downloads the missing blocks in batches, several batches
 * from several peers at once, and imports them in order through the ledger, which checks each block's
 * certificate against the validators of its height and re-executes it (the state root must match). A
 * peer that serves an invalid block is banned. A peer that prunes old bodies ({@code blocks.keep}) is asked
 * only for the blocks it keeps (its status says from which); if it refuses one anyway ("not kept"), the
 * client notes it and asks another peer: an honest pruning peer is never banned. One thread drives it;
 * progress is logged while it runs.
 */
public final class BlockSync implements ChainSync, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockSync.class);
    private static final long LOG_EVERY_MS = 5_000;

    private final ConsensusChain chain;
    private final NetworkImports imports;
    private final P2pNetwork network;
    private final SyncClient client;
    private final Settings settings;
    private final Clock clock;
    private final SyncProgress progress;
    private final ScheduledExecutorService thread;
    private final ExecutorService decoder;
    private final Map<PeerId, Long> heights = new ConcurrentHashMap<>();
    /** The lowest block each peer serves whole (what its last answer said; absent: every block). */
    private final Map<PeerId, Long> keptFrom = new ConcurrentHashMap<>();
    /** The block no peer ahead keeps, last logged (one line per block, not per round). */
    private long loggedUnkept = -1;

    private final Map<PeerId, Boolean> banned = new ConcurrentHashMap<>();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong bans = new AtomicLong();
    private long lastLogMs;
    private int rotation;

    /** How sync runs; see {@code docs/chain.md} (config {@code org.hypertensor.chain.network}). */
    public record Settings(int batchBlocks, int parallelPeers, Duration interval, Duration timeout, Duration ban) {}

    public BlockSync(
            ConsensusChain chain,
            NetworkImports imports,
            P2pNetwork network,
            String protocol,
            Settings settings,
            Clock clock) {
        this.chain = chain;
        this.imports = imports;
        this.network = network;
        this.settings = settings;
        this.clock = clock;
        this.progress = new SyncProgress(clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("chain-sync"));
        this.decoder = Executors.newFixedThreadPool(2, NamedThreads.numbered("chain-sync-decode"));
        this.client = new SyncClient(network, protocol, settings.timeout(), decoder);
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a round soon (a gossiped block showed we are behind). */
    public void wake() {
        thread.execute(this::tick);
    }

    private void tick() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warn("Sync round failed: {}", e.toString());
            LOG.debug("Sync round failure", e);
        }
    }

    private void round() {
        pollHeights();
        long local = chain.finalizedHead().number();
        long target = heights.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (target <= local) {
            if (progress.running()) {
                progress.end(local);
                LOG.info("Synced: at finalized block #{}", local);
            }
            return;
        }
        if (!progress.running()) {
            LOG.info(
                    "Syncing from #{} to #{} (peers ahead: {})",
                    local,
                    target,
                    peersAbove(local + 1).size());
        }
        progress.begin(local, target);
        while (local < target && !thread.isShutdown()) {
            long before = local;
            downloadRound(local);
            local = chain.finalizedHead().number();
            progress.advance(local);
            logProgress(local);
            if (local == before) {
                return; // nothing imported this round: try again next interval
            }
            target = Math.max(
                    target,
                    heights.values().stream().mapToLong(Long::longValue).max().orElse(0));
            progress.target(target);
        }
    }

    private void pollHeights() {
        List<PeerId> peers = connectedPeers();
        List<CompletableFuture<SyncMessages.Response>> answers = new ArrayList<>();
        for (PeerId p : peers) {
            answers.add(client.status(p));
        }
        byte[] genesis = chain.genesisHash();
        for (int i = 0; i < peers.size(); i++) {
            PeerId peer = peers.get(i);
            try {
                SyncMessages.Response r = answers.get(i).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (Arrays.equals(r.genesisHash(), genesis)) {
                    heights.put(peer, r.finalized());
                    keptFrom.put(peer, r.bodiesFrom());
                } else {
                    heights.remove(peer);
                }
            } catch (ExecutionException | TimeoutException e) {
                heights.remove(peer); // not speaking our sync protocol (yet), or gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        heights.keySet().retainAll(peers);
        keptFrom.keySet().retainAll(heights.keySet());
    }

    /** Requests up to {@code parallelPeers} consecutive batches from different peers, imports them in order. */
    private void downloadRound(long local) {
        record Batch(PeerId peer, long from, CompletableFuture<SyncMessages.Response> answer) {}
        List<Batch> batches = new ArrayList<>();
        long next = local + 1;
        for (int i = 0; i < settings.parallelPeers(); i++) {
            List<PeerId> able = peersAbove(next);
            if (able.isEmpty()) {
                if (i == 0) {
                    logUnkept(next);
                }
                break;
            }
            PeerId peer = able.get(Math.floorMod(rotation++, able.size()));
            long count = Math.min(settings.batchBlocks(), heights.getOrDefault(peer, 0L) - next + 1);
            batches.add(new Batch(peer, next, client.blocks(peer, next, (int) count)));
            next += count;
        }
        for (Batch b : batches) {
            SyncMessages.Response answer;
            try {
                answer = b.answer().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("Blocks from #{} not served by {}: {}", b.from(), b.peer(), e.toString());
                heights.remove(b.peer());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (answer.blocks().isEmpty() && answer.bodiesFrom() > b.from()) {
                // pruned since its status answer: not a fault, ask another peer
                keptFrom.put(b.peer(), answer.bodiesFrom());
                LOG.info(
                        "Peer {} does not keep block #{} ({}); asking another peer",
                        b.peer(),
                        b.from(),
                        answer.error());
                return;
            }
            if (!importBatch(b.peer(), b.from(), answer.blocks())) {
                return;
            }
        }
    }

    /** Says once per block that the peers ahead of us prune it, so sync waits for a peer that keeps it. */
    private void logUnkept(long next) {
        List<String> pruning = heights.entrySet().stream()
                .filter(e -> e.getValue() >= next && keptFrom.getOrDefault(e.getKey(), 0L) > next)
                .map(e -> e.getKey() + " (from #" + keptFrom.get(e.getKey()) + ")")
                .sorted()
                .toList();
        if (!pruning.isEmpty() && loggedUnkept != next) {
            loggedUnkept = next;
            LOG.warn(
                    "No connected peer keeps block #{}: the peers ahead prune old bodies ({}); waiting for a peer that"
                            + " keeps them (a full node, blocks.keep = all)",
                    next,
                    String.join(", ", pruning));
        }
    }

    private boolean importBatch(PeerId peer, long from, List<FinalizedBlock> blocks) {
        if (blocks.isEmpty()) {
            heights.remove(peer);
            return false;
        }
        long expected = from;
        for (FinalizedBlock block : blocks) {
            if (block.number() != expected) {
                ban(peer, "served block #" + block.number() + " when asked for #" + expected);
                return false;
            }
            try {
                imports.importFinalized(block);
                imported.incrementAndGet();
            } catch (ConsensusException e) {
                if (e.invalidBlock()) {
                    ban(peer, "served an invalid block: " + e.getMessage());
                } else if (chain.finalizedHead().number() < block.number()) {
                    LOG.info("Block #{} from {} not imported now: {}", block.number(), peer, e.getMessage());
                    return false;
                }
                // else: already imported (a gossiped copy came first)
                if (e.invalidBlock()) {
                    return false;
                }
            }
            expected++;
        }
        return true;
    }

    private void ban(PeerId peer, String reason) {
        LOG.warn("Banning peer {} for {} min: {}", peer, settings.ban().toMinutes(), reason);
        heights.remove(peer);
        banned.put(peer, Boolean.TRUE);
        bans.incrementAndGet();
        network.ban(peer, settings.ban(), reason);
    }

    private List<PeerId> connectedPeers() {
        PeerId self = network.localPeerId();
        return network.connections().stream()
                .map(PeerConnection::peer)
                .distinct()
                .filter(p -> !p.equals(self) && !banned.containsKey(p))
                .sorted(Comparator.comparing(PeerId::toString))
                .toList();
    }

    /** Peers whose finalized head is at or above {@code number} and that keep its body. */
    private List<PeerId> peersAbove(long number) {
        return heights.entrySet().stream()
                .filter(e -> e.getValue() >= number
                        && keptFrom.getOrDefault(e.getKey(), 0L) <= number
                        && !banned.containsKey(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(PeerId::toString))
                .toList();
    }

    private void logProgress(long local) {
        long now = clock.millis();
        if (now - lastLogMs >= LOG_EVERY_MS) {
            lastLogMs = now;
            LOG.info(
                    "Syncing: #{} of #{}, {} blocks/s, ETA {} s",
                    local,
                    progress.target(),
                    progress.blocksPerSecond(),
                    progress.etaSeconds());
        }
    }

    @Override
    public SyncState state() {
        long local = chain.finalizedHead().number();
        long highest = Math.max(
                local,
                heights.values().stream().mapToLong(Long::longValue).max().orElse(0));
        boolean syncing = progress.running() && highest > local;
        return new SyncState(
                syncing,
                progress.running() ? progress.startHeight() : local,
                local,
                highest,
                syncing ? progress.blocksPerSecond() : 0,
                syncing ? progress.etaSeconds() : 0,
                heights.size(),
                imported.get(),
                bans.get());
    }

    @Override
    public List<PeerHeight> peers() {
        List<PeerHeight> out = new ArrayList<>();
        heights.forEach((p, h) -> out.add(new PeerHeight(p.toString(), h, false)));
        banned.keySet().forEach(p -> out.add(new PeerHeight(p.toString(), -1, true)));
        out.sort(Comparator.comparing(PeerHeight::peerId));
        return out;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        decoder.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
