package org.hypertensor.store.internal.paged;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The level-by-level root of a commit against the recursive definition. */
class BucketTreeTest {
    private static final int BITS = 12;

    @Test
    void theRootAndItsNodesEqualTheRecursiveOnesForAnyChangedBuckets() {
        Random random = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            BucketTree tree = BucketTree.fromBuckets(BITS, storedBuckets(random, random.nextInt(4)));
            TreeMap<Integer, byte[]> overrides = new TreeMap<>();
            // from one bucket to every bucket (more than a level's parallel threshold), with the first and last
            // buckets, pairs of siblings and buckets emptied or filled
            int changes = trial % 10 == 9 ? 1 << BITS : 1 + random.nextInt(trial < 30 ? 8 : 3_000);
            for (int c = 0; c < changes; c++) {
                int b = switch (c % 7) {
                    case 0 -> 0;
                    case 1 -> (1 << BITS) - 1;
                    default -> c < (1 << BITS) && changes == 1 << BITS ? c : random.nextInt(1 << BITS);
                };
                overrides.put(changes == 1 << BITS ? c : b, random.nextInt(4) == 0 ? new byte[32] : hash(random));
            }
            TreeMap<Long, byte[]> computed = new TreeMap<>();
            byte[] expected = tree.read(v -> BucketTree.node(v, BITS, 0, 0, overrides));
            assertArrayEquals(
                    expected, tree.read(v -> BucketTree.root(v, BITS, overrides, computed)), "trial " + trial);
            // every node above a changed bucket, and no other, with its value by the recursive definition
            TreeSet<Long> above = new TreeSet<>();
            for (int b : overrides.keySet()) {
                for (int d = BITS; d >= 0; d--) {
                    above.add(BucketTree.key(d, b >>> (BITS - d)));
                }
            }
            assertEquals(above, computed.keySet(), "trial " + trial);
            for (Map.Entry<Long, byte[]> e : computed.entrySet()) {
                int d = (int) (e.getKey() >>> 32);
                int i = (int) (long) e.getKey();
                assertArrayEquals(tree.read(v -> BucketTree.node(v, BITS, d, i, overrides)), e.getValue());
            }
        }
    }

    @Test
    void noChangesGiveTheStoredRoot() {
        BucketTree tree = BucketTree.fromBuckets(BITS, storedBuckets(new Random(2), 1));
        TreeMap<Long, byte[]> computed = new TreeMap<>();
        assertArrayEquals(tree.root(), tree.read(v -> BucketTree.root(v, BITS, new TreeMap<>(), computed)));
        assertEquals(0, computed.size());
    }

    @Test
    void aTreeFromBucketHashesHoldsEveryNodeOfTheRecursiveDefinition() {
        // levels of 512 nodes and more are hashed on all cores (the open of a store), the others on one
        Random random = new Random(9);
        for (int sparse = 0; sparse < 3; sparse++) {
            byte[] buckets = storedBuckets(random, sparse);
            BucketTree tree = BucketTree.fromBuckets(BITS, buckets);
            TreeMap<Integer, byte[]> all = new TreeMap<>(); // every bucket given: node() recurses down to them
            for (int b = 0; b < 1 << BITS; b++) {
                all.put(b, BucketTree.slice(buckets, b));
            }
            for (int d = 0; d <= BITS; d++) {
                for (int i = 0; i < 1 << d; i += d < 8 ? 1 : 37) {
                    int depth = d;
                    int index = i;
                    byte[] recursive = tree.read(v -> BucketTree.node(v, BITS, depth, index, all));
                    byte[] stored = tree.read(v -> v.node(depth, index));
                    assertArrayEquals(recursive, stored, "node (" + d + ", " + i + "), sparse " + sparse);
                }
            }
        }
    }

    /** Bucket hashes with one in {@code 1 + sparse} empty (sparse 0: none). */
    private static byte[] storedBuckets(Random random, int sparse) {
        byte[] all = new byte[32 << BITS];
        for (int b = 0; b < 1 << BITS; b++) {
            if (sparse == 0 || random.nextInt(1 + sparse) != 0) {
                System.arraycopy(hash(random), 0, all, b * 32, 32);
            }
        }
        return all;
    }

    private static byte[] hash(Random random) {
        byte[] h = new byte[32];
        random.nextBytes(h);
        return h;
    }
}
