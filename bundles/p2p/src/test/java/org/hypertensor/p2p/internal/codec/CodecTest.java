package org.hypertensor.p2p.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.Varint;
import org.junit.jupiter.api.Test;

/** Varints, base58, multiaddrs and peer ids against known encodings. */
class CodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void varints() {
        assertArrayEquals(new byte[] {0}, Varint.encode(0));
        assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, Varint.encode(300));
        assertEquals(300, Varint.read(new byte[] {(byte) 0xAC, 0x02}, new int[1]));
        int[] len = new int[1];
        assertEquals(FrameVarint.INCOMPLETE, FrameVarint.peek(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}), len));
        assertThrows(
                MalformedInputException.class,
                () -> FrameVarint.peek(
                        Unpooled.wrappedBuffer(new byte[10])
                                .writerIndex(0)
                                .writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}),
                        len));
        assertThrows(
                MalformedInputException.class,
                () -> Varint.read(new byte[] {(byte) 0x81, 0x00}, new int[1]),
                "non-minimal");
    }

    @Test
    void peerIdsOfEd25519KeysStartWith12D3KooW() {
        byte[] key = new byte[32];
        PeerId id = PeerId.fromEd25519(key);
        assertTrue(id.toBase58().startsWith("12D3KooW"), id.toBase58());
        assertEquals(id, PeerId.parse(id.toBase58()));
        assertArrayEquals(key, id.ed25519PublicKey().orElseThrow());
        assertEquals(
                "0024080112200000000000000000000000000000000000000000000000000000000000000000",
                HEX.formatHex(id.toBytes()));
        // a SHA-256 (RSA-style) peer id parses too
        PeerId sha = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertTrue(sha.ed25519PublicKey().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PeerId.parse("12D3KooW0OIl"));
        assertThrows(IllegalArgumentException.class, () -> PeerId.parse("1111"));
    }

    @Test
    void multiaddrsInTextAndBinary() {
        Multiaddr a = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
        assertEquals("047f000001060fa1", HEX.formatHex(a.toBytes()));
        assertEquals(a, Multiaddr.fromBytes(a.toBytes()));
        PeerId id = PeerId.fromEd25519(new byte[32]);
        Multiaddr full = Multiaddr.parse("/dns4/node.example/tcp/443/p2p/" + id);
        assertEquals(full, Multiaddr.fromBytes(full.toBytes()));
        assertEquals(id, full.peerId().orElseThrow());
        assertEquals("/dns4/node.example/tcp/443", full.withoutPeerId().toString());
        assertEquals("node.example", full.toTcpSocketAddress().getHostString());
        Multiaddr v6 = Multiaddr.parse("/ip6/::1/tcp/1");
        assertEquals(v6, Multiaddr.fromBytes(v6.toBytes()));
        assertEquals(
                "/ip4/1.2.3.4/tcp/5/p2p/" + id,
                Multiaddr.parse("/ip4/1.2.3.4/tcp/5/ipfs/" + id).toString());
        for (String bad : new String[] {"ip4/1.2.3.4", "/ip4/1.2.3", "/ip4/1.2.3.4/tcp/70000", "/foo/1", "/tcp"}) {
            assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(bad), bad);
        }
        assertThrows(MalformedInputException.class, () -> Multiaddr.fromBytes(new byte[] {0x04, 0x7f}));
    }
}
