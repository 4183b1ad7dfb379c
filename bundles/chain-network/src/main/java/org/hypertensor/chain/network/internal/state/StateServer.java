package org.hypertensor.chain.network.internal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the state protocol ({@code /hypertensor/<genesis prefix>/state/1}): a chunk of the state after a
 * finalized block this node still keeps, up to {@code maxLeaves} leaves and about
 * {@link StateMessages#MAX_RESPONSE_BYTES}, with the inclusion proofs of its first and last leaf.
 */
public final class StateServer implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StateServer.class);

    private final ConsensusChain chain;
    private final int maxLeaves;

    public StateServer(ConsensusChain chain, int maxLeaves) {
        this.chain = chain;
        this.maxLeaves = Math.max(2, Math.min(maxLeaves, StateMessages.MAX_LEAVES));
    }

    @Override
    public void handle(P2pStream stream) {
        try {
            StateMessages.Response reply;
            try {
                reply = answer(StateMessages.decodeRequest(
                        stream.readMessage(StateMessages.MAX_REQUEST_BYTES).get(30, TimeUnit.SECONDS)));
            } catch (MalformedInputException e) {
                LOG.debug("Bad state request from {}: {}", stream.remotePeer(), e.getMessage());
                reply = error("bad request: " + e.getMessage());
            }
            stream.writeMessage(StateMessages.encode(reply)).get(30, TimeUnit.SECONDS);
            stream.closeWrite();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.reset();
        } catch (Exception e) {
            LOG.debug("State stream from {} failed: {}", stream.remotePeer(), e.toString());
            stream.reset();
        }
    }

    /** The chunk asked for, or an error naming why not (a state this node does not keep). */
    public StateMessages.Response answer(StateMessages.Request request) {
        Optional<StateReader> state = chain.finalizedState(request.number());
        if (state.isEmpty()) {
            return error("the state after block #" + request.number() + " is not kept here");
        }
        return new StateMessages.Response(chunk(state.get(), request.from(), Math.min(request.max(), maxLeaves)), null);
    }

    /** Up to {@code max} leaves from {@code from}, cut where the answer would pass its size limit. */
    static StateChunk chunk(StateReader state, byte[] from, int max) {
        List<Map.Entry<byte[], byte[]>> entries = state.leaves(from, max);
        List<StateChunk.Leaf> leaves = new ArrayList<>(entries.size());
        long bytes = 0;
        for (Map.Entry<byte[], byte[]> e : entries) {
            bytes += e.getKey().length + e.getValue().length + 16;
            if (bytes > StateMessages.MAX_RESPONSE_BYTES - 64 * 1024 && leaves.size() >= 2) {
                break;
            }
            leaves.add(new StateChunk.Leaf(e.getKey(), e.getValue()));
        }
        if (leaves.isEmpty()) {
            return new StateChunk(List.of(), new byte[0], new byte[0]);
        }
        byte[] first = state.prove(leaves.get(0).key()).encode();
        byte[] last = leaves.size() == 1
                ? new byte[0]
                : state.prove(leaves.get(leaves.size() - 1).key()).encode();
        return new StateChunk(leaves, first, last);
    }

    private static StateMessages.Response error(String why) {
        return new StateMessages.Response(new StateChunk(List.of(), new byte[0], new byte[0]), why);
    }
}
