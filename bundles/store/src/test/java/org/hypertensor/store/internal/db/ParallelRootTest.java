package org.hypertensor.store.internal.db;

import static org.hypertensor.store.internal.db.ChainStoreTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.state.NaiveMerkle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks that change more buckets than the overlay rebuilds on one core (4,096 buckets, thousands changed), with a
 * cache of a few buckets so that the rebuilding threads read most of their buckets from Derby: roots against the
 * definition, and proofs asked for after the root and (odd blocks) before it: then the proof's walk rebuilds the
 * buckets, inside the tree's lock, on one core.
 */
class ParallelRootTest {
    @TempDir
    Path dir;

    @Test
    void blocksOfThousandsOfChangedBucketsGiveTheDefinitionsRoot() throws Exception {
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory(new StoreOptions(4096, 12, 50, 16, 64));
        TreeMap<String, byte[]> model = new TreeMap<>();
        Random random = new Random(9);
        try (ChainStore store = factory.open(dir)) {
            for (long n = 0; n < 4; n++) {
                StateOverlay overlay = store.overlay();
                List<String> touched = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    String key = "acct/" + random.nextInt(12_000);
                    touched.add(key);
                    if (n > 0 && random.nextInt(5) == 0) {
                        overlay.delete(b(key));
                        model.remove(key);
                    } else {
                        byte[] value = new byte[1 + random.nextInt(60)];
                        random.nextBytes(value);
                        overlay.put(b(key), value);
                        model.put(key, value);
                    }
                }
                byte[] expected = NaiveMerkle.root(model, k -> b((String) k));
                if (n % 2 == 0) { // the root rebuilds the buckets on all cores
                    assertArrayEquals(expected, overlay.root(), "block " + n);
                }
                for (int p = 0; p < 3; p++) {
                    String key = touched.get(random.nextInt(touched.size()));
                    assertTrue(overlay.prove(b(key)).verify(expected), "proof of " + key + " in block " + n);
                }
                assertArrayEquals(expected, overlay.root(), "block " + n);
                store.commit(overlay, ChainStoreTest.block(n, 1));
                assertArrayEquals(expected, store.state().root());
            }
        }
        try (ChainStore store = factory.open(dir)) {
            assertArrayEquals(
                    NaiveMerkle.root(model, k -> b((String) k)), store.state().root());
        }
    }
}
