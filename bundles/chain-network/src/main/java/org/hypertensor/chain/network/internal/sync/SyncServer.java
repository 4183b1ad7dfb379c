package org.hypertensor.chain.network.internal.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sync protocol: our finalized height, or up to {@code maxBatch} finalized blocks from a
 * number, each with its certificate, at most {@link #MAX_RESPONSE_BYTES} per answer. Every answer says from
 * which block on this node keeps bodies; a request for an older block (pruned by {@code blocks.keep}, or before
 * the block this node joined at by state sync) is answered "not kept" with no blocks.
 */
public final class SyncServer implements ProtocolHandler {

    /** What one answer may hold (the client's read limit is above it). */
    static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    static final int MAX_REQUEST_BYTES = 64;

    private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);

    private final ConsensusChain chain;
    private final int maxBatch;

    public SyncServer(ConsensusChain chain, int maxBatch) {
        this.chain = chain;
        this.maxBatch = maxBatch;
    }

    @Override
    public void handle(P2pStream stream) {
        try {
            SyncMessages.Response reply;
            try {
                reply = answer(SyncMessages.decodeRequest(
                        stream.readMessage(MAX_REQUEST_BYTES).get(30, TimeUnit.SECONDS)));
            } catch (MalformedInputException e) {
                LOG.debug("Bad sync request from {}: {}", stream.remotePeer(), e.getMessage());
                reply = response(List.of(), "bad request: " + e.getMessage());
            }
            stream.writeMessage(SyncMessages.encode(reply)).get(30, TimeUnit.SECONDS);
            stream.closeWrite();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.reset();
        } catch (Exception e) {
            LOG.debug("Sync stream from {} failed: {}", stream.remotePeer(), e.toString());
            stream.reset();
        }
    }

    SyncMessages.Response answer(SyncMessages.Request request) {
        if (request.kind() == SyncMessages.STATUS) {
            return response(List.of(), null);
        }
        long kept = chain.bodiesFrom();
        if (Math.max(1, request.from()) < kept) {
            return response(
                    List.of(),
                    "block #" + request.from() + " not kept: this node keeps block bodies from #" + kept
                            + " on (blocks.keep)");
        }
        List<FinalizedBlock> blocks = new ArrayList<>();
        int bytes = 0;
        int count = Math.min(request.count(), maxBatch);
        for (long n = Math.max(1, request.from()); n < request.from() + count; n++) {
            Optional<FinalizedBlock> block = chain.finalizedBlock(n);
            if (block.isEmpty()) {
                break;
            }
            bytes += block.get().encoded().length + block.get().certificate().length + 32;
            if (bytes > MAX_RESPONSE_BYTES && !blocks.isEmpty()) {
                break;
            }
            blocks.add(block.get());
        }
        return response(blocks, null);
    }

    private SyncMessages.Response response(List<FinalizedBlock> blocks, String error) {
        return new SyncMessages.Response(
                chain.finalizedHead().number(), chain.genesisHash(), blocks, error, chain.bodiesFrom());
    }
}
