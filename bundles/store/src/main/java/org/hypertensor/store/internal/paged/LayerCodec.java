package org.hypertensor.store.internal.paged;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The stored form of a block's undo layer (docs/state.md, "Database"), big-endian: {@code undo} is a sequence of
 * {@code keyLength u16 ‖ key ‖ existed u8 ‖ [valueLength u32 ‖ value]} in key-hash order (the values before the
 * block); {@code buckets} a sequence of {@code bucket u32 ‖ hashBefore[32] ‖ hashAfter[32]} in bucket order.
 */
final class LayerCodec {
    private static final int H = Blake2b.LENGTH;
    /** A changed bucket in the bucket list: its number and its hashes before and after. */
    private static final int BUCKET_ENTRY = 4 + 2 * H;

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
        ByteBuffer out = ByteBuffer.allocate(after.size() * BUCKET_ENTRY);
        for (Map.Entry<Integer, byte[]> e : after.entrySet()) {
            out.putInt(e.getKey()).put(before.get(e.getKey())).put(e.getValue());
        }
        return out.array();
    }

    /** @throws IllegalArgumentException if malformed */
    static UndoLayer decode(long number, byte[] undo, byte[] buckets, long sizeAfter, int bits) {
        OrderedEntries<byte[], Bucket.Change> before = new OrderedEntries<>(Bits.UNSIGNED, undo.length / 64);
        ByteBuffer in = ByteBuffer.wrap(undo);
        try {
            while (in.hasRemaining()) {
                byte[] key = take(in, in.getShort() & 0xffff, StateOverlay.MAX_KEY_BYTES);
                int existed = in.get();
                if (existed != 0 && existed != 1) {
                    throw new IllegalArgumentException("undo entry flag " + existed);
                }
                byte[] value = existed == 1 ? take(in, in.getInt(), StateOverlay.MAX_VALUE_BYTES) : null;
                before.add(Blake2b.hash(key), new Bucket.Change(key, value));
            }
            if (buckets.length % BUCKET_ENTRY != 0) {
                throw new IllegalArgumentException("bucket list of " + buckets.length + " bytes");
            }
            int changed = buckets.length / BUCKET_ENTRY;
            OrderedEntries<Integer, byte[]> hashesBefore = new OrderedEntries<>(Comparator.naturalOrder(), changed);
            OrderedEntries<Integer, byte[]> hashesAfter = new OrderedEntries<>(Comparator.naturalOrder(), changed);
            ByteBuffer b = ByteBuffer.wrap(buckets);
            while (b.hasRemaining()) {
                int bucket = b.getInt();
                if (bucket < 0 || bucket >= (1 << bits)) {
                    throw new IllegalArgumentException("bucket " + bucket + " out of range");
                }
                hashesBefore.add(bucket, take(b, H, H));
                hashesAfter.add(bucket, take(b, H, H));
            }
            return new UndoLayer(
                    number, before.toTreeMap(), hashesBefore.toTreeMap(), hashesAfter.toTreeMap(), sizeAfter);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("undo record of block #" + number + " truncated");
        }
    }

    /**
     * Calls {@code action} with each changed bucket of a bucket list and the offset of its after-hash in
     * {@code buckets}, in the list's order, without building the maps of {@link #decode}: at open, the blocks whose
     * layers the journal does not keep only give their after-hashes to the tree.
     *
     * @throws IllegalArgumentException if malformed
     */
    static void forEachAfter(byte[] buckets, int bits, BucketAction action) {
        if (buckets.length % BUCKET_ENTRY != 0) {
            throw new IllegalArgumentException("bucket list of " + buckets.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buckets);
        for (int at = 0; at < buckets.length; at += BUCKET_ENTRY) {
            int bucket = b.getInt(at);
            if (bucket < 0 || bucket >= (1 << bits)) {
                throw new IllegalArgumentException("bucket " + bucket + " out of range");
            }
            action.accept(bucket, at + 4 + H);
        }
    }

    /** A changed bucket and where its after-hash starts in the bucket list. */
    interface BucketAction {
        void accept(int bucket, int afterHashOffset);
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
