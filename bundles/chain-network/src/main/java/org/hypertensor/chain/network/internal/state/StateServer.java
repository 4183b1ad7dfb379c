package org.hypertensor.chain.network.internal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
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

    private final LongFunction<Optional<StateReader>> states;
    private final int maxLeaves;

    /** @param states the state after a finalized block, if kept ({@code ConsensusChain::finalizedState}) */
    public StateServer(LongFunction<Optional<StateReader>> states, int maxLeaves) {
        this.states = states;
        this.maxLeaves = Math.max(2, Math.min(maxLeaves, StateMessages.MAX_LEAVES));
    }

    /**
     * Never blocks the caller (the connection's I/O thread): an answer above the stream window can only be
     * written while that thread processes the peer's window updates. The chunk is built on the common pool.
     */
    @Override
    public void handle(P2pStream stream) {
        stream.readMessage(StateMessages.MAX_REQUEST_BYTES)
                .thenApplyAsync(this::reply)
                .thenCompose(reply -> stream.writeMessage(StateMessages.encode(reply)))
                .thenCompose(v -> stream.closeWrite())
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("State stream from {} failed: {}", stream.remotePeer(), e.toString());
                        stream.reset();
                    }
                });
    }

    private StateMessages.Response reply(byte[] request) {
        try {
            return answer(StateMessages.decodeRequest(request));
        } catch (MalformedInputException e) {
            return error("bad request: " + e.getMessage());
        }
    }

    /** The chunk asked for, or an error naming why not (a state this node does not keep). */
    public StateMessages.Response answer(StateMessages.Request request) {
        Optional<StateReader> state = states.apply(request.number());
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
            if (bytes > StateMessages.MAX_RESPONSE_BYTES - 32 * 1024 && leaves.size() >= 2) {
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
