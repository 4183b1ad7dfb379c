package org.hypertensor.store.internal.paged;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The stored form of a block's undo layer (docs/state.md, "Database"), big-endian: {@code undo} is a sequence of
 * {@code keyLength u16 ‖ key ‖ existed u8 ‖ [valueLength u32 ‖ value]} in key-hash order (the values before the
 * block); {@code buckets} a sequence of {@code bucket u32 ‖ hashBefore[32] ‖ hashAfter[32]} in bucket order.
 */
final class LayerCodec {
    private static final int H = Blake2b.LENGTH;

    private LayerCodec() {}

    /** An undo record (the values before the block) or a redo record (after it): the changes in key-hash order. */
    static byte[] encodeChanges(Iterable<Bucket.Change> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Bucket.Change c : changes) {
                out.writeShort(c.key().length);
                out.write(c.key());
                out.writeByte(c.value() == null ? 0 : 1);
                if (c.value() != null) {
                    out.writeInt(c.value().length);
                    out.write(c.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encodeBuckets(NavigableMap<Integer, byte[]> before, NavigableMap<Integer, byte[]> after) {
        ByteBuffer out = ByteBuffer.allocate(after.size() * (4 + 2 * H));
        for (Map.Entry<Integer, byte[]> e : after.entrySet()) {
            out.putInt(e.getKey()).put(before.get(e.getKey())).put(e.getValue());
        }
        return out.array();
    }

    /** @throws IllegalArgumentException if malformed */
    static UndoLayer decode(long number, byte[] undo, byte[] buckets, long sizeAfter, int bits) {
        NavigableMap<byte[], Bucket.Change> before = UndoLayer.newChanges();
        ByteBuffer in = ByteBuffer.wrap(undo);
        try {
            while (in.hasRemaining()) {
                byte[] key = take(in, in.getShort() & 0xffff, StateOverlay.MAX_KEY_BYTES);
                int existed = in.get();
                if (existed != 0 && existed != 1) {
                    throw new IllegalArgumentException("undo entry flag " + existed);
                }
                byte[] value = existed == 1 ? take(in, in.getInt(), StateOverlay.MAX_VALUE_BYTES) : null;
                before.put(Blake2b.hash(key), new Bucket.Change(key, value));
            }
            TreeMap<Integer, byte[]> hashesBefore = new TreeMap<>();
            TreeMap<Integer, byte[]> hashesAfter = new TreeMap<>();
            ByteBuffer b = ByteBuffer.wrap(buckets);
            if (buckets.length % (4 + 2 * H) != 0) {
                throw new IllegalArgumentException("bucket list of " + buckets.length + " bytes");
            }
            while (b.hasRemaining()) {
                int bucket = b.getInt();
                if (bucket < 0 || bucket >= (1 << bits)) {
                    throw new IllegalArgumentException("bucket " + bucket + " out of range");
                }
                hashesBefore.put(bucket, take(b, H, H));
                hashesAfter.put(bucket, take(b, H, H));
            }
            return new UndoLayer(number, before, hashesBefore, hashesAfter, sizeAfter);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("undo record of block #" + number + " truncated");
        }
    }

    private static byte[] take(ByteBuffer in, int length, int max) {
        if (length < 0 || length > max || length > in.remaining()) {
            throw new IllegalArgumentException("stored entry length " + length + " is invalid");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
