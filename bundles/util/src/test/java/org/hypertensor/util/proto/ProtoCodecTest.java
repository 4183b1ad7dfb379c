package org.hypertensor.util.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared protobuf codec against known encodings, round trips, and strict refusal of what does not decode. */
class ProtoCodecTest {

    @Test
    void varintsMatchTheProtobufEncoding() {
        assertArrayEquals(new byte[] {0}, Varint.encode(0));
        assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, Varint.encode(300));
        assertEquals(10, Varint.encode(-1L).length);
        assertEquals(-1L, Varint.read(Varint.encode(-1L), new int[1]));
        assertEquals(300, Varint.read(new byte[] {(byte) 0xAC, 0x02}, new int[1]));
    }

    @Test
    void badVarintsAreRefused() {
        assertThrows(MalformedInputException.class, () -> Varint.read(new byte[] {(byte) 0x80}, new int[1]));
        assertThrows(MalformedInputException.class, () -> Varint.read(new byte[] {(byte) 0x81, 0x00}, new int[1]));
        byte[] past64 = new byte[10];
        java.util.Arrays.fill(past64, (byte) 0xFF);
        past64[9] = 0x02;
        assertThrows(MalformedInputException.class, () -> Varint.read(past64, new int[1]));
    }

    @Test
    void fieldsRoundTripAndUnknownOnesAreSkipped() {
        byte[] msg = new ProtoWriter()
                .varint(1, 42)
                .string(2, "héllo")
                .fixed32(3, Float.floatToRawIntBits(1.5f))
                .fixed64(4, Long.MIN_VALUE)
                .message(5, new ProtoWriter().bool(1, true))
                .bytes(6, null)
                .toByteArray();
        ProtoReader r = new ProtoReader(msg);
        assertTrue(r.next());
        assertEquals(1, r.field());
        assertEquals(42, r.int32());
        assertTrue(r.next());
        assertEquals("héllo", r.string());
        assertTrue(r.next());
        assertEquals(1.5f, Float.intBitsToFloat(r.fixed32()));
        assertTrue(r.next());
        assertEquals(Long.MIN_VALUE, r.fixed64());
        assertTrue(r.next());
        ProtoReader inner = new ProtoReader(r.bytes());
        assertTrue(inner.next());
        assertTrue(inner.bool());
        assertFalse(r.next());

        ProtoReader skipping = new ProtoReader(msg);
        int fields = 0;
        while (skipping.next()) {
            skipping.skip();
            fields++;
        }
        assertEquals(5, fields);
    }

    @Test
    void mismatchedWireTypesAndTruncationAreRefused() {
        byte[] msg = new ProtoWriter().string(1, "x").toByteArray();
        ProtoReader r = new ProtoReader(msg);
        r.next();
        assertThrows(MalformedInputException.class, r::varint);
        byte[] truncated =
                java.util.Arrays.copyOf(new ProtoWriter().bytes(1, new byte[10]).toByteArray(), 5);
        ProtoReader t = new ProtoReader(truncated);
        t.next();
        assertThrows(MalformedInputException.class, t::bytes);
        assertThrows(MalformedInputException.class, () -> new ProtoReader(new byte[] {0x00}).next());
        assertThrows(MalformedInputException.class, () -> {
            ProtoReader g = new ProtoReader(new byte[] {0x0F, 0x00});
            g.next();
            g.skip();
        });
    }

    @Test
    void randomBytesEitherDecodeOrThrowTheCodecsException() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            try {
                ProtoReader r = new ProtoReader(junk);
                while (r.next()) {
                    r.skip();
                }
            } catch (MalformedInputException expected) {
                // the only failure allowed
            }
        }
    }
}
