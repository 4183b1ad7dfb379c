package org.hypertensor.inference.net.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * The digests a forward receipt signs ({@code /hypertensor/forward/1.0.0}): BLAKE2b-256 of the request (model,
 * blocks, epoch, input shape and values) and of the output (shape and values, float32 little-endian), and the
 * signed message {@code "hypertensor/forward-receipt/1" || request hash || output hash || epoch (8 bytes, big
 * endian)}. Both sides compute them from what they sent or received, never from the peer's word.
 */
public final class ForwardDigests {

    private static final byte[] REQUEST = "hypertensor/forward-request/1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OUTPUT = "hypertensor/forward-output/1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECEIPT = "hypertensor/forward-receipt/1".getBytes(StandardCharsets.UTF_8);

    private ForwardDigests() {}

    public static byte[] requestHash(String model, BlockRange blocks, long epoch, Tensor input) {
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(4 + name.length + 16).order(ByteOrder.BIG_ENDIAN);
        head.putInt(name.length)
                .put(name)
                .putInt(blocks.start())
                .putInt(blocks.end())
                .putLong(epoch);
        return Hashes.blake2b256(REQUEST, head.array(), tensorBytes(input));
    }

    public static byte[] outputHash(Tensor output) {
        return Hashes.blake2b256(OUTPUT, tensorBytes(output));
    }

    /** What the server signs. */
    public static byte[] receiptMessage(byte[] requestHash, byte[] outputHash, long epoch) {
        return ByteBuffer.allocate(RECEIPT.length + 64 + 8)
                .put(RECEIPT)
                .put(requestHash)
                .put(outputHash)
                .putLong(epoch)
                .array();
    }

    /** Whether {@code signature} is {@code server}'s (the Ed25519 key its peer id inlines) over the receipt. */
    public static boolean verify(PeerId server, byte[] requestHash, byte[] outputHash, long epoch, byte[] signature) {
        return server.ed25519PublicKey()
                .map(key -> Ed25519.verify(key, receiptMessage(requestHash, outputHash, epoch), signature))
                .orElse(false);
    }

    /** Shape then values: {@code int32} rank and dimensions, then float32 little-endian. */
    private static byte[] tensorBytes(Tensor t) {
        int[] shape = t.shape();
        float[] values = t.toArray();
        ByteBuffer b =
                ByteBuffer.allocate(4 + 4 * shape.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
