package org.hypertensor.chain.network.internal.sync;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * The sync protocol's messages (protobuf): one request per stream, one response.
 *
 * <pre>
 * Request  { 1: kind (1 status, 2 blocks), 2: from (block number), 3: count }
 * Response { 1: finalized height, 2: genesis hash, 3: repeated Block, 4: error text,
 *            5: lowest block served whole (older bodies pruned; absent: 0, every block) }
 * Block    { 1: number, 2: encoded block, 3: finality certificate }
 * </pre>
 */
final class SyncMessages {

    static final int STATUS = 1;
    static final int BLOCKS = 2;

    private SyncMessages() {}

    record Request(int kind, long from, int count) {}

    /**
     * An answer. {@code bodiesFrom}: the lowest block the peer serves (blocks.keep); asked for an older one, it
     * answers no blocks and an error saying so, and a client asks another peer.
     */
    record Response(long finalized, byte[] genesisHash, List<FinalizedBlock> blocks, String error, long bodiesFrom) {}

    static byte[] encode(Request r) {
        return new ProtoWriter()
                .varint(1, r.kind())
                .varint(2, r.from())
                .varint(3, r.count())
                .toByteArray();
    }

    static Request decodeRequest(byte[] data) {
        int kind = 0;
        long from = 0;
        long count = 0;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> kind = (int) in.varint();
                case 2 -> from = in.varint();
                case 3 -> count = in.varint();
                default -> in.skip();
            }
        }
        if (kind != STATUS && kind != BLOCKS) {
            throw new MalformedInputException("unknown sync request kind " + kind);
        }
        if (from < 0 || count < 0 || count > Integer.MAX_VALUE) {
            throw new MalformedInputException("sync request out of range");
        }
        return new Request(kind, from, (int) count);
    }

    static byte[] encode(Response r) {
        ProtoWriter out = new ProtoWriter().varint(1, r.finalized()).bytes(2, r.genesisHash());
        for (FinalizedBlock b : r.blocks()) {
            out.message(3, FinalizedBlocks.encode(b));
        }
        if (r.error() != null) {
            out.string(4, r.error());
        }
        if (r.bodiesFrom() > 0) {
            out.varint(5, r.bodiesFrom());
        }
        return out.toByteArray();
    }

    static Response decodeResponse(byte[] data) {
        long finalized = 0;
        byte[] genesis = new byte[0];
        List<FinalizedBlock> blocks = new ArrayList<>();
        String error = null;
        long bodiesFrom = 0;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> finalized = in.varint();
                case 2 -> genesis = in.bytes();
                case 3 -> blocks.add(FinalizedBlocks.decode(in.bytes()));
                case 4 -> error = in.string();
                case 5 -> bodiesFrom = in.varint();
                default -> in.skip();
            }
        }
        if (bodiesFrom < 0) {
            throw new MalformedInputException("sync response: bodies from #" + bodiesFrom);
        }
        return new Response(finalized, genesis, blocks, error, bodiesFrom);
    }
}
