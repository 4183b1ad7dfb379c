package org.hypertensor.store.internal.paged;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.hypertensor.store.internal.state.Blake2b;
import org.junit.jupiter.api.Test;

/** The journal's records decoded into the maps the commit built, in order or not. */
class LayerCodecTest {
    private static final int BITS = 10;

    @Test
    void aRecordDecodesToTheMapsItWasEncodedFrom() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            NavigableMap<byte[], Bucket.Change> before = UndoLayer.newChanges();
            TreeMap<Integer, byte[]> hashesBefore = new TreeMap<>();
            TreeMap<Integer, byte[]> hashesAfter = new TreeMap<>();
            int keys = trial == 0 ? 0 : random.nextInt(trial < 10 ? 5 : 3_000);
            for (int k = 0; k < keys; k++) {
                byte[] key = bytes(random, 1 + random.nextInt(40));
                byte[] value = random.nextInt(5) == 0 ? null : bytes(random, random.nextInt(60));
                before.put(Blake2b.hash(key), new Bucket.Change(key, value));
                int bucket = Bits.prefix(Blake2b.hash(key), BITS);
                hashesBefore.put(bucket, bytes(random, 32));
                hashesAfter.put(bucket, bytes(random, 32));
            }
            UndoLayer decoded = LayerCodec.decode(
                    7,
                    LayerCodec.encodeChanges(before.values()),
                    LayerCodec.encodeBuckets(hashesBefore, hashesAfter),
                    keys,
                    BITS);
            assertChanges(before, decoded.before());
            byte[] list = LayerCodec.encodeBuckets(hashesBefore, hashesAfter);
            TreeMap<Integer, byte[]> visited = new TreeMap<>();
            LayerCodec.forEachAfter(
                    list, BITS, (bucket, at) -> visited.put(bucket, Arrays.copyOfRange(list, at, at + 32)));
            assertHashes(hashesAfter, visited);
            assertHashes(hashesBefore, decoded.bucketsBefore());
            assertHashes(hashesAfter, decoded.bucketsAfter());
            // the decoded maps are ordinary sorted maps: lookups, ranges and later puts work
            if (keys > 0) {
                byte[] some =
                        before.keySet().stream().skip(keys / 2).findFirst().orElseThrow();
                assertEquals(
                        before.get(some).value() == null,
                        decoded.before().get(some).value() == null);
                assertEquals(
                        before.headMap(some).size(),
                        decoded.before().headMap(some).size());
                decoded.bucketsAfter().put(-1, new byte[32]);
                assertEquals(-1, decoded.bucketsAfter().firstKey());
            }
        }
    }

    @Test
    void entriesOutOfOrderGiveTheMapThatPutsGive() {
        Random random = new Random(4);
        List<Integer> keys = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            keys.add(random.nextInt(300)); // duplicates too: the later value wins, as with put
        }
        for (int sorted = 0; sorted < 2; sorted++) {
            if (sorted == 1) {
                Collections.sort(keys);
            }
            OrderedEntries<Integer, Integer> entries = new OrderedEntries<>(Comparator.naturalOrder(), 0);
            TreeMap<Integer, Integer> puts = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                entries.add(keys.get(i), i);
                puts.put(keys.get(i), i);
            }
            assertEquals(puts, entries.toTreeMap());
        }
        OrderedEntries<Integer, Integer> none = new OrderedEntries<>(Comparator.naturalOrder(), 0);
        assertEquals(new TreeMap<>(), none.toTreeMap());
    }

    @Test
    void aBucketListOutOfOrderDecodesAsBefore() {
        // written in bucket order by every version; one that is not still decodes to the same maps
        ByteBuffer list = ByteBuffer.allocate(3 * 68);
        byte[][] hashes = new byte[6][];
        Random random = new Random(6);
        int[] buckets = {9, 2, 5};
        for (int i = 0; i < 3; i++) {
            hashes[2 * i] = bytes(random, 32);
            hashes[2 * i + 1] = bytes(random, 32);
            list.putInt(buckets[i]).put(hashes[2 * i]).put(hashes[2 * i + 1]);
        }
        UndoLayer layer = LayerCodec.decode(1, new byte[0], list.array(), 0, BITS);
        assertEquals(List.of(2, 5, 9), new ArrayList<>(layer.bucketsAfter().keySet()));
        assertArrayEquals(hashes[3], layer.bucketsAfter().get(2));
        assertArrayEquals(hashes[0], layer.bucketsBefore().get(9));
        assertNull(layer.bucketsBefore().get(3));
    }

    @Test
    void aMalformedRecordIsRefused() {
        byte[] list = new byte[68];
        ByteBuffer.wrap(list).putInt(1 << BITS); // out of range
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.decode(1, new byte[0], list, 0, BITS));
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.decode(1, new byte[0], new byte[67], 0, BITS));
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.forEachAfter(list, BITS, (b, at) -> {}));
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.forEachAfter(new byte[67], BITS, (b, at) -> {}));
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.decode(1, new byte[] {0, 3, 1}, list, 0, BITS));
    }

    private static void assertChanges(
            NavigableMap<byte[], Bucket.Change> expected, NavigableMap<byte[], Bucket.Change> actual) {
        assertEquals(expected.size(), actual.size());
        var a = actual.entrySet().iterator();
        for (Map.Entry<byte[], Bucket.Change> e : expected.entrySet()) {
            Map.Entry<byte[], Bucket.Change> got = a.next();
            assertArrayEquals(e.getKey(), got.getKey());
            assertArrayEquals(e.getValue().key(), got.getValue().key());
            assertArrayEquals(e.getValue().value(), got.getValue().value());
        }
    }

    private static void assertHashes(TreeMap<Integer, byte[]> expected, NavigableMap<Integer, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()));
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
