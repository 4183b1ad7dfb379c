package org.hypertensor.store.internal.paged;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * Reads over a paged state version: a version gives its buckets and the bucket hashes in which it differs from the
 * head's {@link BucketTree}; get, proofs and leaves follow from those (docs/state.md, "Paged state").
 */
abstract class PagedReader implements StateReader {
    final StateEngine engine;

    PagedReader(StateEngine engine) {
        this.engine = engine;
    }

    /** This version's bucket. */
    abstract Bucket bucket(int bucket);

    /** The tree this version's bucket hashes are read from (with {@link #overrides}). */
    BucketTree tree() {
        return engine.tree();
    }

    /** Bucket hashes in which this version differs from the tree's current version (read inside its lock). */
    abstract NavigableMap<Integer, byte[]> overrides();

    static byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("state key is null");
        }
        if (key.length > StateOverlay.MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "state key of " + key.length + " bytes is longer than " + StateOverlay.MAX_KEY_BYTES);
        }
        return key;
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] kh = Blake2b.hash(checkKey(key));
        byte[] value = bucket(engine.bucketOf(kh)).get(kh);
        return value == null ? null : value.clone();
    }

    @Override
    public StateProof prove(byte[] key) {
        byte[] kh = Blake2b.hash(checkKey(key));
        int bits = engine.bits();
        List<Integer> stepBits = new ArrayList<>();
        List<byte[]> siblings = new ArrayList<>();
        // Walk the top levels: a step wherever both halves are non-empty; else into the non-empty one.
        Integer target = tree().read(view -> {
            NavigableMap<Integer, byte[]> o = overrides();
            if (BucketTree.empty(BucketTree.node(view, bits, 0, 0, o))) {
                return null;
            }
            int i = 0;
            for (int d = 0; d < bits; d++) {
                int side = Bits.bit(kh, d);
                byte[] mine = BucketTree.node(view, bits, d + 1, 2 * i + side, o);
                byte[] other = BucketTree.node(view, bits, d + 1, 2 * i + 1 - side, o);
                if (BucketTree.empty(mine)) {
                    i = 2 * i + 1 - side;
                } else {
                    if (!BucketTree.empty(other)) {
                        stepBits.add(d);
                        siblings.add(other);
                    }
                    i = 2 * i + side;
                }
            }
            return i;
        });
        if (target == null) {
            return StateProof.exclusionFromEmpty(key);
        }
        Bucket b = bucket(target);
        int leaf = b.steps(kh, stepBits, siblings);
        int[] bitArray = stepBits.stream().mapToInt(Integer::intValue).toArray();
        byte[][] siblingArray = siblings.toArray(new byte[0][]);
        return Bits.critBit(kh, b.keyHashes[leaf]) < 0
                ? StateProof.inclusion(key, b.values[leaf], bitArray, siblingArray)
                : StateProof.exclusion(key, b.keyHashes[leaf], Blake2b.hash(b.values[leaf]), bitArray, siblingArray);
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> leaves(byte[] fromKeyHash, int max) {
        if (fromKeyHash == null || fromKeyHash.length != Blake2b.LENGTH) {
            throw new IllegalArgumentException("leaves: the start key hash must be " + Blake2b.LENGTH + " bytes");
        }
        if (max < 0) {
            throw new IllegalArgumentException("leaves: max is negative");
        }
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(Math.min(max, 4096));
        int bits = engine.bits();
        int next = engine.bucketOf(fromKeyHash);
        while (out.size() < max && next >= 0) {
            int from = next;
            // the next non-empty buckets of this version, found in the tree without reading them
            List<Integer> buckets = tree().read(view -> {
                NavigableMap<Integer, byte[]> o = overrides();
                List<Integer> found = new ArrayList<>();
                for (int b = from; b < (1 << bits) && found.size() < 64; b++) {
                    if (!BucketTree.empty(BucketTree.node(view, bits, bits, b, o))) {
                        found.add(b);
                    }
                }
                return found;
            });
            next = buckets.isEmpty() || buckets.get(buckets.size() - 1) + 1 >= (1 << bits)
                    ? -1
                    : buckets.get(buckets.size() - 1) + 1;
            if (buckets.isEmpty()) {
                break;
            }
            for (int b : buckets) {
                Bucket content = bucket(b);
                int i = content.indexOf(fromKeyHash);
                for (int j = i >= 0 ? i : -i - 1; j < content.size() && out.size() < max; j++) {
                    out.add(new AbstractMap.SimpleImmutableEntry<>(content.keys[j].clone(), content.values[j].clone()));
                }
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }
}
