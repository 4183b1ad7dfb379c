package org.hypertensor.chain.network.internal.sync;

import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/** A finalized block on the wire (sync answers, block gossip): {@code { 1: number, 2: encoded block, 3: certificate }}. */
public final class FinalizedBlocks {

    private FinalizedBlocks() {}

    public static ProtoWriter encode(FinalizedBlock b) {
        return new ProtoWriter().varint(1, b.number()).bytes(2, b.encoded()).bytes(3, b.certificate());
    }

    /** @throws MalformedInputException when it does not decode or lacks its number or bytes */
    public static FinalizedBlock decode(byte[] data) {
        long number = -1;
        byte[] encoded = null;
        byte[] certificate = new byte[0];
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> number = in.varint();
                case 2 -> encoded = in.bytes();
                case 3 -> certificate = in.bytes();
                default -> in.skip();
            }
        }
        if (number < 1 || encoded == null) {
            throw new MalformedInputException("a finalized block needs its number and bytes");
        }
        return new FinalizedBlock(number, encoded, certificate);
    }
}
