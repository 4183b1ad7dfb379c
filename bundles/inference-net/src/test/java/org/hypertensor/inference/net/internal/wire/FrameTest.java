package org.hypertensor.inference.net.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoWriter;
import org.junit.jupiter.api.Test;

/** Frames and announcements round-trip; anything else is refused with a one-line reason, never another exception. */
class FrameTest {

    static final List<Frame> FRAMES = List.of(
            new Frame.Open("model", 1, 3, 128, 1),
            new Frame.Opened(128, 5_000_000_000L),
            new Frame.Step(7, new int[] {1, 2, 64}),
            new Frame.Chunk(new byte[] {1, 2, 3, 4}, true),
            new Frame.Result(7, new int[] {1, 2, 64}),
            new Frame.Close(),
            new Frame.Error("CACHE_FULL", "cache full"),
            new Frame.Forward("model", 0, 2, new int[] {2, 5, 64}),
            new Frame.Forward("model", 0, 2, new int[] {2, 5, 64}, 42),
            new Frame.Receipt(new byte[32], new byte[32], 42, new byte[64]));

    @Test
    void roundTrips() {
        for (Frame f : FRAMES) {
            assertEquals(f, Frame.decode(f.encode()));
        }
    }

    @Test
    void strictDecoding() {
        assertThrows(MalformedInputException.class, () -> Frame.decode(new byte[0]));
        byte[] two = new ProtoWriter()
                .message(6, new ProtoWriter())
                .message(6, new ProtoWriter())
                .toByteArray();
        assertEquals(
                "a frame holds more than one message",
                assertThrows(MalformedInputException.class, () -> Frame.decode(two))
                        .getMessage());
        byte[] unknown = new ProtoWriter().message(10, new ProtoWriter()).toByteArray();
        assertEquals(
                "unknown frame field 10",
                assertThrows(MalformedInputException.class, () -> Frame.decode(unknown))
                        .getMessage());
        byte[] dims = new ProtoWriter()
                .message(
                        3,
                        new ProtoWriter().varint(2, 1).varint(2, 1).varint(2, 1).varint(2, 1))
                .toByteArray();
        assertEquals(
                "more than 3 dimensions",
                assertThrows(MalformedInputException.class, () -> Frame.decode(dims))
                        .getMessage());
        byte[] big = new ProtoWriter()
                .message(1, new ProtoWriter().varint(2, 1L << 40))
                .toByteArray();
        assertThrows(MalformedInputException.class, () -> Frame.decode(big));
    }

    @Test
    void fuzzedBytesOnlyEverThrowMalformedInput() {
        Random random = new Random(1);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            } else {
                b = FRAMES.get(random.nextInt(FRAMES.size())).encode();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                Frame.decode(b);
                decoded++;
            } catch (MalformedInputException expected) {
                assertTrue(!expected.getMessage().isBlank());
            }
        }
        assertTrue(decoded < 15_000, "most junk is refused: " + decoded);
    }

    @Test
    void announcementsRoundTripAndRefuseNonsense() {
        PeerId peer = PeerId.fromEd25519(new byte[32]);
        BlockAnnouncement a = new BlockAnnouncement(
                peer,
                "id",
                ServerState.ONLINE,
                new BlockRange(2, 5),
                12.5,
                300,
                "java",
                "cpu",
                4096,
                "0.1",
                List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
        assertEquals(a, AnnouncementCodec.decode(peer, AnnouncementCodec.encode(a)));
        byte[] badRange =
                new ProtoWriter().varint(1, 2).varint(2, 5).varint(3, 2).toByteArray();
        assertThrows(MalformedInputException.class, () -> AnnouncementCodec.decode(peer, badRange));
        byte[] badState =
                new ProtoWriter().varint(1, 9).varint(2, 0).varint(3, 2).toByteArray();
        assertThrows(MalformedInputException.class, () -> AnnouncementCodec.decode(peer, badState));
    }
}
