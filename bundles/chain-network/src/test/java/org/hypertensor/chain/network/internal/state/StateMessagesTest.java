package org.hypertensor.chain.network.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoWriter;
import org.junit.jupiter.api.Test;

/** The state protocol's messages: round trips, and strict refusal of what is out of range. */
class StateMessagesTest {

    @Test
    void requestsAndResponsesRoundTrip() {
        byte[] from = new byte[32];
        from[3] = 7;
        StateMessages.Request r =
                StateMessages.decodeRequest(StateMessages.encode(new StateMessages.Request(12, from, 4096)));
        assertEquals(12, r.number());
        assertArrayEquals(from, r.from());
        assertEquals(4096, r.max());
        StateChunk chunk = new StateChunk(
                List.of(
                        new StateChunk.Leaf(new byte[] {1}, new byte[] {2, 3}),
                        new StateChunk.Leaf(new byte[] {4}, new byte[0])),
                new byte[] {9, 9},
                new byte[] {8});
        StateMessages.Response back =
                StateMessages.decodeResponse(StateMessages.encode(new StateMessages.Response(chunk, null)));
        assertNull(back.error());
        assertEquals(2, back.chunk().leaves().size());
        assertArrayEquals(new byte[] {2, 3}, back.chunk().leaves().get(0).value());
        assertArrayEquals(new byte[0], back.chunk().leaves().get(1).value());
        assertArrayEquals(new byte[] {9, 9}, back.chunk().firstProof());
        assertArrayEquals(new byte[] {8}, back.chunk().lastProof());
    }

    @Test
    void badRequestsAreRefused() {
        byte[] hash = new byte[32];
        refused(new ProtoWriter().varint(1, 0).bytes(2, hash).varint(3, 10).toByteArray(), "block 0");
        refused(
                new ProtoWriter()
                        .varint(1, 5)
                        .bytes(2, new byte[31])
                        .varint(3, 10)
                        .toByteArray(),
                "short hash");
        refused(new ProtoWriter().varint(1, 5).varint(3, 10).toByteArray(), "no hash");
        refused(new ProtoWriter().varint(1, 5).bytes(2, hash).varint(3, 1).toByteArray(), "one leaf");
        refused(
                new ProtoWriter()
                        .varint(1, 5)
                        .bytes(2, hash)
                        .varint(3, 1L << 40)
                        .toByteArray(),
                "too many leaves");
        refused(new byte[] {(byte) 0xff, (byte) 0xff}, "garbage");
    }

    @Test
    void oversizedOrKeylessLeavesAreRefused() {
        byte[] bigKey = new byte[257];
        byte[] msg = new ProtoWriter()
                .message(1, new ProtoWriter().bytes(1, bigKey).bytes(2, new byte[1]))
                .toByteArray();
        assertThrows(MalformedInputException.class, () -> StateMessages.decodeResponse(msg));
        byte[] keyless = new ProtoWriter()
                .message(1, new ProtoWriter().bytes(2, new byte[1]))
                .toByteArray();
        assertThrows(MalformedInputException.class, () -> StateMessages.decodeResponse(keyless));
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[rnd.nextInt(64)];
            rnd.nextBytes(junk);
            try {
                StateMessages.decodeResponse(junk);
            } catch (MalformedInputException expected) {
                // refused with a message, never another exception
            }
        }
    }

    private static void refused(byte[] request, String what) {
        assertThrows(MalformedInputException.class, () -> StateMessages.decodeRequest(request), what);
    }
}
