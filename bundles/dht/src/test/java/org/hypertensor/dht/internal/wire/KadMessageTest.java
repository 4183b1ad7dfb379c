package org.hypertensor.dht.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.hypertensor.dht.internal.wire.KadMessage.Type;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoWriter;
import org.junit.jupiter.api.Test;

class KadMessageTest {

    private static final byte[] KEY = "/hypertensor/1/block/4".getBytes(StandardCharsets.UTF_8);

    private static KadMessage sample() {
        KadMessage.Peer p = new KadMessage.Peer(
                new byte[] {0, 36, 8, 1, 18, 32, 1, 2, 3},
                List.of(new byte[] {4, 127, 0, 0, 1, 6, 0x0f, (byte) 0xa1}),
                KadMessage.Peer.CONNECTED);
        return new KadMessage(
                Type.GET_VALUE,
                KEY,
                new KadMessage.Record(KEY, new byte[] {9, 9}, "2026-12-01T08:00:00Z"),
                List.of(p, p),
                List.of(p));
    }

    @Test
    void bytesAreLibp2psProtobufLayout() {
        // FIND_NODE for key "k": type=1 varint 4, key=2 "k" (as go- and js-libp2p write it).
        assertEquals(
                "080412016b",
                HexFormat.of()
                        .formatHex(KadMessage.request(Type.FIND_NODE, new byte[] {'k'})
                                .encode()));
        // PUT_VALUE is type 0, which proto3 leaves out.
        KadMessage put = new KadMessage(
                Type.PUT_VALUE,
                new byte[] {'k'},
                new KadMessage.Record(new byte[] {'k'}, new byte[] {'v'}, ""),
                List.of(),
                List.of());
        assertEquals("12016b1a060a016b120176", HexFormat.of().formatHex(put.encode()));
        assertEquals(put, KadMessage.decode(put.encode()));
    }

    @Test
    void roundTripsAndSkipsUnknownFields() {
        KadMessage m = sample();
        assertEquals(m, KadMessage.decode(m.encode()));
        // clusterLevelRaw (10) and an unknown fixed64 field are skipped.
        byte[] extra = new ProtoWriter().varint(10, 3).toByteArray();
        byte[] withExtra = concat(m.encode(), extra, new byte[] {(byte) 0x99, 0x01, 1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(m, KadMessage.decode(withExtra));
    }

    @Test
    void malformedInputIsRefusedWithOneLine() {
        assertThrows(MalformedInputException.class, () -> KadMessage.decode(new byte[] {0x08, 0x09})); // type 9
        assertThrows(MalformedInputException.class, () -> KadMessage.decode(new byte[] {0x12, 0x05, 1})); // short
        assertThrows(MalformedInputException.class, () -> KadMessage.decode(new byte[] {0x0b})); // group wire type
        assertThrows(
                MalformedInputException.class,
                () -> KadMessage.decode(new byte[] {
                    0x08,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    (byte) 0xff,
                    1
                }));
        assertThrows(MalformedInputException.class, () -> KadMessage.decode(new byte[] {0x1a, 0x00})); // record w/o key
        ProtoWriter many = new ProtoWriter();
        byte[] peer = new ProtoWriter().bytes(1, new byte[] {1}).toByteArray();
        for (int i = 0; i <= KadMessage.MAX_PEERS; i++) {
            many.bytes(8, peer);
        }
        MalformedInputException e =
                assertThrows(MalformedInputException.class, () -> KadMessage.decode(many.toByteArray()));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace for bad input");
    }

    @Test
    void fuzzedMessagesDecodeOrFailCleanly() {
        Random random = new Random(7);
        byte[] good = sample().encode();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = good.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                }
            } else {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            }
            try {
                KadMessage m = KadMessage.decode(b);
                assertEquals(m, KadMessage.decode(m.encode()), "a decoded message re-encodes to itself");
                decoded++;
            } catch (MalformedInputException expected) {
                // refused cleanly
            } catch (RuntimeException e) {
                fail("decoder threw " + e + " on " + HexFormat.of().formatHex(b));
            }
        }
        assertTrue(decoded > 100, "some fuzzed inputs are still valid messages: " + decoded);
    }

    @Test
    void recordSetsCarryEverySignedEntry() {
        Ed25519KeyPair a = Ed25519KeyPair.generate(new SecureRandom());
        List<DhtRecord> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(RecordSignatures.sign(
                    a,
                    KEY,
                    ("s" + i).getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) i},
                    i + 1,
                    4_000_000_000_000L));
        }
        List<DhtRecord> back = RecordSetCodec.decode(KEY, RecordSetCodec.encode(entries));
        assertEquals(entries, back);
        assertTrue(back.stream().allMatch(RecordSignatures::verify));
        assertThrows(MalformedInputException.class, () -> RecordSetCodec.decode(KEY, new byte[0]));
        assertThrows(
                MalformedInputException.class,
                () -> RecordSetCodec.decode(
                        KEY,
                        new ProtoWriter()
                                .bytes(
                                        1,
                                        new ProtoWriter()
                                                .bytes(2, new byte[] {1})
                                                .toByteArray())
                                .toByteArray()));
        assertArrayEquals(org.hypertensor.util.proto.Varint.encode(300), new byte[] {(byte) 0xac, 0x02});
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
