package org.hypertensor.store.internal.paged;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * A whole bucket as one row of {@code ht_buckets} ({@link StateLayout#BUCKET}): its entries in key-hash order, each
 * {@code keyLength u16 ‖ key ‖ valueLength u32 ‖ value}. The key hashes are not stored: they are recomputed when
 * read, and the bucket's hash is then checked against the tree, so a changed row is refused as corrupt.
 */
final class BucketCodec {
    private BucketCodec() {}

    static byte[] encode(Bucket bucket) {
        int length = 0;
        for (int i = 0; i < bucket.size(); i++) {
            length += 2 + bucket.keys[i].length + 4 + bucket.values[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (int i = 0; i < bucket.size(); i++) {
            out.putShort((short) bucket.keys[i].length).put(bucket.keys[i]);
            out.putInt(bucket.values[i].length).put(bucket.values[i]);
        }
        return out.array();
    }

    /** The bucket in {@code data}; a malformed row is an {@link IllegalStateException} naming the bucket. */
    static Bucket decode(int bucket, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] key = take(in, in.remaining() >= 2 ? Short.toUnsignedInt(in.getShort()) : -1, bucket);
            byte[] value = take(in, in.remaining() >= 4 ? in.getInt() : -1, bucket);
            keys.add(key);
            values.add(value);
        }
        byte[][] hashes = new byte[keys.size()][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Blake2b.hash(keys.get(i));
        }
        return new Bucket(hashes, keys.toArray(new byte[0][]), values.toArray(new byte[0][]));
    }

    private static byte[] take(ByteBuffer in, int length, int bucket) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("the stored row of bucket " + bucket + " is truncated (database corrupt)");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
