package org.hypertensor.chain.network.internal.state;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.hypertensor.chain.network.internal.sync.SyncClient;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.store.api.StateImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one state over the state protocol: consecutive chunks in key-hash order, each asked of the
 * next peer in turn from the previous chunk's last leaf (the next request goes out while the current
 * chunk is verified), each verified against the state root before its leaves go into the import. A peer
 * whose chunk does not prove is reported (banned) and the chunk asked of another; a peer that does not
 * answer or does not keep the state is left out.
 */
public final class ChunkDownload {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkDownload.class);
    private static final long LOG_EVERY_MS = 5_000;

    private final P2pNetwork network;
    private final String protocol;
    private final int chunkLeaves;
    private final Duration timeout;
    private final Executor decoder;
    private final StateSyncProgress progress;
    private final BiConsumer<PeerId, String> ban;
    private final Clock clock;
    private long lastLogMs;
    private int rotation;

    /** @param ban called with a peer whose chunk did not prove and why */
    public ChunkDownload(
            P2pNetwork network,
            String protocol,
            int chunkLeaves,
            Duration timeout,
            Executor decoder,
            StateSyncProgress progress,
            BiConsumer<PeerId, String> ban) {
        this.network = network;
        this.protocol = protocol;
        this.chunkLeaves = chunkLeaves;
        this.timeout = timeout;
        this.decoder = decoder;
        this.progress = progress;
        this.ban = ban;
        this.clock = progress.clock();
    }

    /**
     * Downloads, verifies and imports the state after block {@code number} whose root is {@code root};
     * false when no peer is left to serve a chunk.
     */
    public boolean download(long number, byte[] root, List<PeerId> candidates, StateImport into)
            throws InterruptedException {
        progress.begin(number);
        List<PeerId> servers = new ArrayList<>(candidates);
        byte[] from = new byte[KeyHashes.LENGTH];
        boolean first = true;
        Pending pending = request(servers, number, from);
        while (true) {
            if (pending == null) {
                return false;
            }
            StateMessages.Response answer;
            try {
                answer = pending.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.info("State sync: {} did not serve a chunk: {}", pending.peer(), e.toString());
                servers.remove(pending.peer());
                pending = request(servers, number, from);
                continue;
            }
            if (answer.error() != null) {
                LOG.info("State sync: {} does not serve the state: {}", pending.peer(), answer.error());
                servers.remove(pending.peer());
                pending = request(servers, number, from);
                continue;
            }
            StateChunk chunk = answer.chunk();
            List<StateChunk.Leaf> leaves = chunk.leaves();
            // Ask for the next chunk now; it is dropped if this one does not prove.
            Pending next = leaves.size() >= 2
                    ? request(
                            servers,
                            number,
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
                ban.accept(pending.peer(), "served a state chunk that does not prove: " + fault);
                servers.remove(pending.peer());
                pending = request(servers, number, from);
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
        byte[] request = StateMessages.encode(new StateMessages.Request(number, from, chunkLeaves));
        return new Pending(
                peer,
                SyncClient.exchange(
                        network,
                        peer,
                        protocol,
                        request,
                        StateMessages.MAX_READ_BYTES,
                        StateMessages::decodeResponse,
                        timeout,
                        decoder));
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
}
