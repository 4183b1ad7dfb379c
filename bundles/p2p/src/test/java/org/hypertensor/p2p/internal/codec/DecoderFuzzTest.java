package org.hypertensor.p2p.internal.codec;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.gossip.GossipFuzzAccess;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.hypertensor.p2p.internal.noise.HandshakePayload;
import org.hypertensor.p2p.internal.noise.NoiseHandshake;
import org.hypertensor.p2p.internal.protocol.IdentifyMessage;
import org.hypertensor.p2p.internal.protocol.SignedPeerRecord;
import org.hypertensor.p2p.internal.yamux.YamuxConfig;
import org.hypertensor.p2p.internal.yamux.YamuxSession;
import org.hypertensor.p2p.internal.yamux.YamuxStream;
import org.hypertensor.util.proto.MalformedInputException;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated bytes to every decoder: each must either decode or refuse with
 * {@link MalformedInputException} / {@link IllegalArgumentException}, never another exception.
 */
class DecoderFuzzTest {

    private static final int ROUNDS = 3000;
    private final Random random = new Random(20261201);
    private final NodeKey key = NodeKey.generate(new SecureRandom());

    @Test
    void protobufDecoders() {
        List<byte[]> seeds = new ArrayList<>();
        Multiaddr addr = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + key.peerId());
        seeds.add(new IdentifyMessage(
                        key.publicKeyProtobuf(),
                        List.of(addr.withoutPeerId()),
                        List.of("/ipfs/ping/1.0.0"),
                        addr,
                        "ipfs/0.1.0",
                        "agent",
                        SignedPeerRecord.create(key, 1, List.of(addr)))
                .encode());
        seeds.add(SignedPeerRecord.create(key, 7, List.of(addr)));
        seeds.add(new HandshakePayload(key.publicKeyProtobuf(), new byte[64], List.of("/yamux/1.0.0")).encode());
        seeds.add(GossipFuzzAccess.sampleRpc(key));
        seeds.add(addr.toBytes());
        seeds.add(key.publicKeyProtobuf());
        fuzz(seeds, b -> IdentifyMessage.decode(b));
        fuzz(seeds, b -> SignedPeerRecord.open(b));
        fuzz(seeds, b -> HandshakePayload.decode(b));
        fuzz(seeds, GossipFuzzAccess::decodeAndVerify);
        fuzz(seeds, b -> Multiaddr.fromBytes(b));
        fuzz(seeds, b -> KeyProtobuf.decodeEd25519Public(b));
    }

    @Test
    void multistreamDecoder() {
        List<byte[]> seeds =
                List.of(MultistreamCodec.encode(MultistreamCodec.HEADER, "/noise"), new byte[] {(byte) 0xFF, 0x7F});
        fuzz(seeds, b -> {
            io.netty.buffer.ByteBuf buf = Unpooled.wrappedBuffer(b);
            while (MultistreamCodec.decode(buf) != null) {
                // keep decoding
            }
        });
    }

    @Test
    void noiseHandshakeMessages() {
        NoiseHandshake initiator = new NoiseHandshake(true, key, List.of(), new SecureRandom());
        byte[] first = initiator.writeMessage();
        NoiseHandshake responder = new NoiseHandshake(false, key, List.of(), new SecureRandom());
        responder.readMessage(first);
        byte[] second = responder.writeMessage();
        fuzz(List.of(second), b -> {
            NoiseHandshake h = new NoiseHandshake(true, key, List.of(), new SecureRandom());
            h.writeMessage();
            h.readMessage(b);
        });
        fuzz(List.of(first), b -> new NoiseHandshake(false, key, List.of(), new SecureRandom()).readMessage(b));
    }

    @Test
    void yamuxSessionSurvivesGarbage() {
        List<byte[]> seeds = List.of(
                new byte[] {0, 1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0}, // window update SYN on stream 2
                new byte[] {0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 'a', 'b', 'c'},
                new byte[] {0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9});
        for (int i = 0; i < ROUNDS / 10; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            ch.pipeline()
                    .addLast(new YamuxSession(
                            true,
                            key.peerId(),
                            Multiaddr.parse("/ip4/127.0.0.1/tcp/1"),
                            YamuxConfig.defaults(),
                            new YamuxSession.Listener() {
                                @Override
                                public void onInboundStream(YamuxStream stream) {
                                    stream.read();
                                }

                                @Override
                                public void onClosed(YamuxSession session) {}
                            }));
            // a run of frames on one session, until it gives up on the peer
            for (int k = 0; k < 10 && ch.isActive(); k++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())));
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(input));
                    ch.checkException();
                } catch (RuntimeException e) {
                    fail("yamux session threw " + e + " on " + Arrays.toString(input));
                }
            }
            ch.finishAndReleaseAll();
        }
    }

    private void fuzz(List<byte[]> seeds, Consumer<byte[]> decoder) {
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = i % 4 == 0 ? randomBytes() : mutate(seeds.get(random.nextInt(seeds.size())));
            try {
                decoder.accept(input);
            } catch (MalformedInputException | IllegalArgumentException expected) {
                // refused cleanly
            } catch (RuntimeException e) {
                fail("decoder threw " + e + " on " + Arrays.toString(input), e);
            }
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private byte[] mutate(byte[] seed) {
        byte[] b = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(4) && b.length > 0; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 2 -> {
                byte[] extra = randomBytes();
                byte[] out = Arrays.copyOf(b, b.length + extra.length);
                System.arraycopy(extra, 0, out, b.length, extra.length);
                b = out;
            }
            default -> {
                if (b.length > 0) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }
}
