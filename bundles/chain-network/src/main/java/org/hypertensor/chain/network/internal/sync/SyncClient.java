package org.hypertensor.chain.network.internal.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;

/** Asks one peer for its finalized height or a batch of finalized blocks over the sync protocol. */
public final class SyncClient {

    /** Above the server's answer limit, so a full answer always fits. */
    private static final int MAX_RESPONSE = SyncServer.MAX_RESPONSE_BYTES + 1024 * 1024;

    private final P2pNetwork network;
    private final String protocol;
    private final Duration timeout;
    private final Executor decoder;

    public SyncClient(P2pNetwork network, String protocol, Duration timeout, Executor decoder) {
        this.network = network;
        this.protocol = protocol;
        this.timeout = timeout;
        this.decoder = decoder;
    }

    /** What a peer answered to a status request: its finalized height and genesis hash. */
    public record Status(long finalized, byte[] genesisHash) {}

    public CompletableFuture<Status> peerStatus(PeerId peer) {
        return status(peer).thenApply(r -> new Status(r.finalized(), r.genesisHash()));
    }

    /** One finalized block (with its certificate) of the peer's chain, if it serves it. */
    public CompletableFuture<List<FinalizedBlock>> finalizedBlocks(PeerId peer, long from, int count) {
        return blocks(peer, from, count).thenApply(SyncMessages.Response::blocks);
    }

    CompletableFuture<SyncMessages.Response> status(PeerId peer) {
        return request(peer, new SyncMessages.Request(SyncMessages.STATUS, 0, 0));
    }

    CompletableFuture<SyncMessages.Response> blocks(PeerId peer, long from, int count) {
        return request(peer, new SyncMessages.Request(SyncMessages.BLOCKS, from, count));
    }

    private CompletableFuture<SyncMessages.Response> request(PeerId peer, SyncMessages.Request request) {
        return exchange(
                network,
                peer,
                protocol,
                SyncMessages.encode(request),
                MAX_RESPONSE,
                SyncMessages::decodeResponse,
                timeout,
                decoder);
    }

    /**
     * One request, one response on a new stream of {@code protocol}, decoded on {@code decoder}; the stream
     * is reset on any failure. Shared by the request-response protocols of the chain network.
     */
    public static <T> CompletableFuture<T> exchange(
            P2pNetwork network,
            PeerId peer,
            String protocol,
            byte[] request,
            int maxResponse,
            Function<byte[], T> decode,
            Duration timeout,
            Executor decoder) {
        return network.openStream(peer, List.of(protocol))
                .thenCompose(s -> exchange(s, request, maxResponse, decode, timeout, decoder))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> CompletableFuture<T> exchange(
            P2pStream s,
            byte[] request,
            int maxResponse,
            Function<byte[], T> decode,
            Duration timeout,
            Executor decoder) {
        s.setTimeout(timeout);
        CompletableFuture<T> done = s.writeMessage(request)
                .thenCompose(v -> s.readMessage(maxResponse))
                .thenApplyAsync(decode, decoder);
        done.whenComplete((r, e) -> {
            if (e != null) {
                s.reset();
            } else {
                s.closeWrite();
            }
        });
        return done;
    }
}
