package org.hypertensor.p2p.internal.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Inbound Noise transport messages: {@code uint16 length ‖ ciphertext}, decrypted with the receiving
 * CipherState (empty associated data). A message that fails to authenticate ends the connection, since
 * the stream of nonces can no longer be trusted.
 */
public final class NoiseDecoder extends ByteToMessageDecoder {

    private static final byte[] NO_AD = new byte[0];
    private final CipherState cipher;

    public NoiseDecoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (in.readableBytes() < 2 + length) {
                return;
            }
            in.skipBytes(2);
            byte[] frame = new byte[length];
            in.readBytes(frame);
            byte[] plain = new byte[Math.max(0, length - CipherState.TAG)];
            int n = cipher.decrypt(NO_AD, frame, 0, length, plain, 0);
            if (n > 0) {
                out.add(Unpooled.wrappedBuffer(plain, 0, n));
            }
        }
    }
}
