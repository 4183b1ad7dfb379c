package org.hypertensor.chain.network.internal.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;

/** Asks one peer for its finalized height or a batch of finalized blocks over the sync protocol. */
final class SyncClient {

    /** Above the server's answer limit, so a full answer always fits. */
    private static final int MAX_RESPONSE = SyncServer.MAX_RESPONSE_BYTES + 1024 * 1024;

    private final P2pNetwork network;
    private final String protocol;
    private final Duration timeout;
    private final Executor decoder;

    SyncClient(P2pNetwork network, String protocol, Duration timeout, Executor decoder) {
        this.network = network;
        this.protocol = protocol;
        this.timeout = timeout;
        this.decoder = decoder;
    }

    CompletableFuture<SyncMessages.Response> status(PeerId peer) {
        return request(peer, new SyncMessages.Request(SyncMessages.STATUS, 0, 0));
    }

    CompletableFuture<SyncMessages.Response> blocks(PeerId peer, long from, int count) {
        return request(peer, new SyncMessages.Request(SyncMessages.BLOCKS, from, count));
    }

    private CompletableFuture<SyncMessages.Response> request(PeerId peer, SyncMessages.Request request) {
        return network.openStream(peer, List.of(protocol))
                .thenCompose(s -> exchange(s, request))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<SyncMessages.Response> exchange(P2pStream s, SyncMessages.Request request) {
        s.setTimeout(timeout);
        CompletableFuture<SyncMessages.Response> done = s.writeMessage(SyncMessages.encode(request))
                .thenCompose(v -> s.readMessage(MAX_RESPONSE))
                .thenApplyAsync(SyncMessages::decodeResponse, decoder);
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
