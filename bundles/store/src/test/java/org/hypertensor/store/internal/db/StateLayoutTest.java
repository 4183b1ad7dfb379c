package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.paged.StateLayout;
import org.hypertensor.store.internal.paged.StateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state layouts ({@code state.values}): schema 4's bucket rows (the default), schema 3's inline values (short ones
 * in the covering index, long ones in {@code vb}) and schema 2's BLOBs. The cache is tiny, so reads go to Derby.
 */
class StateLayoutTest {
    @TempDir
    Path dir;

    @TempDir
    Path other;

    private final DerbyChainStoreFactory factory =
            new DerbyChainStoreFactory(StoreTests.TINY.withLayout(StateLayout.INLINE));
    private final DerbyChainStoreFactory blobFactory =
            new DerbyChainStoreFactory(StoreTests.TINY.withLayout(StateLayout.BLOB));
    private final DerbyChainStoreFactory bucketFactory = new DerbyChainStoreFactory(StoreTests.TINY);

    @TempDir
    Path third;

    /** Values around the inline limit and far above it, and the longest key. */
    private static Map<String, byte[]> values() {
        Map<String, byte[]> values = new TreeMap<>();
        for (int length : new int[] {0, 1, 48, StateLayout.INLINE_BYTES, StateLayout.INLINE_BYTES + 1, 70_000}) {
            byte[] v = new byte[length];
            Arrays.fill(v, (byte) (length % 251));
            values.put("key-" + length, v);
        }
        values.put("k".repeat(StateOverlay.MAX_KEY_BYTES), new byte[StateLayout.INLINE_BYTES]);
        return values;
    }

    private static void putAll(StateOverlay o, Map<String, byte[]> values) {
        values.forEach((k, v) -> o.put(ChainStoreTest.b(k), v));
    }

    @Test
    void shortAndLongValuesRoundTripThroughDerby() throws Exception {
        Map<String, byte[]> values = values();
        byte[] root;
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            putAll(genesis, values);
            store.commit(genesis, ChainStoreTest.block(0, 0));
            root = store.state().root();
        }
        try (Connection c = Derby.connect(dir.toRealPath(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT LENGTH(v), LENGTH(vb) FROM ht_state")) {
            int inline = 0;
            int blobs = 0;
            while (rs.next()) {
                int v = rs.getInt(1);
                boolean vNull = rs.wasNull();
                int vb = rs.getInt(2);
                boolean vbNull = rs.wasNull();
                assertTrue(vNull != vbNull, "exactly one value column per row");
                if (vNull) {
                    assertTrue(vb > StateLayout.INLINE_BYTES, "only long values go to vb: " + vb);
                    blobs++;
                } else {
                    assertTrue(v <= StateLayout.INLINE_BYTES);
                    inline++;
                }
            }
            assertEquals(5, inline);
            assertEquals(2, blobs);
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.sql.SQLException.class,
                    () -> s.executeUpdate("UPDATE ht_state SET v = NULL, vb = NULL"),
                    "a row without a value is refused");
            assertTrue(refused.getMessage().contains("HT_STATE_ONE_VALUE"), refused.getMessage());
        } finally {
            Derby.shutdown(dir.toRealPath());
        }
        try (ChainStore store = factory.open(dir)) {
            assertArrayEquals(root, store.state().root());
            values.forEach((k, v) -> assertArrayEquals(v, store.state().get(ChainStoreTest.b(k)), k));
            assertEquals(values.size(), store.state().scan(new byte[0]).size());
            StateProof proof = store.state().prove(ChainStoreTest.b("key-70000"));
            assertTrue(proof.verify(root));
            // long becomes short and short becomes long: both columns change
            StateOverlay next = store.overlay();
            next.put(ChainStoreTest.b("key-70000"), new byte[] {1});
            next.put(ChainStoreTest.b("key-1"), new byte[StateLayout.INLINE_BYTES + 5]);
            store.commit(next, ChainStoreTest.block(1, 0));
        }
        try (ChainStore store = factory.open(dir)) {
            assertArrayEquals(new byte[] {1}, store.state().get(ChainStoreTest.b("key-70000")));
            assertEquals(StateLayout.INLINE_BYTES + 5, store.state().get(ChainStoreTest.b("key-1")).length);
        }
    }

    @Test
    void everyLayoutGivesTheSameStatesAndADatabaseKeepsItsLayout() throws Exception {
        Map<String, byte[]> values = values();
        DerbyChainStoreFactory[] factories = {blobFactory, factory, bucketFactory};
        Path[] dirs = {dir, other, third};
        long[] schemas = {Schema.BLOB_VERSION, Schema.INLINE_VERSION, Schema.BUCKET_VERSION};
        byte[][] roots = new byte[3][];
        for (int i = 0; i < 3; i++) {
            DerbyChainStoreFactory f = factories[i];
            Path d = dirs[i];
            try (ChainStore store = f.open(d)) {
                StateOverlay genesis = store.overlay();
                putAll(genesis, values);
                store.commit(genesis, ChainStoreTest.block(0, 0));
            }
            try (ChainStore store = f.open(d)) {
                values.forEach((k, v) -> assertArrayEquals(v, store.state().get(ChainStoreTest.b(k)), k));
                StateOverlay next = store.overlay();
                next.put(ChainStoreTest.b("key-48"), new byte[StateLayout.INLINE_BYTES + 1]);
                next.put(ChainStoreTest.b("new"), new byte[] {7});
                next.delete(ChainStoreTest.b("key-0"));
                store.commit(next, ChainStoreTest.block(1, 0));
            }
            // opened with another setting: the database keeps the layout it was made with
            try (ChainStore store = factories[(i + 1) % 3].open(d)) {
                roots[i] = store.state().root();
                assertArrayEquals(new byte[] {7}, store.state().get(ChainStoreTest.b("new")));
                assertEquals(StateLayout.INLINE_BYTES + 1, store.state().get(ChainStoreTest.b("key-48")).length);
                assertEquals(values.size(), store.state().scan(new byte[0]).size());
                assertEquals(
                        List.of("key-1", "key-256", "key-257", "key-48", "key-70000"),
                        store.state().scan(ChainStoreTest.b("key-")).stream()
                                .map(e -> new String(e.getKey(), java.nio.charset.StandardCharsets.UTF_8))
                                .toList(),
                        "a prefix scan in key order");
                StateOverlay more = store.overlay();
                more.put(ChainStoreTest.b("later"), new byte[] {8});
                store.commit(more, ChainStoreTest.block(2, 0));
            }
            assertEquals(schemas[i], schema(d));
        }
        assertArrayEquals(roots[0], roots[1]);
        assertArrayEquals(roots[0], roots[2]);
    }

    @Test
    void blocksOfMoreRowsThanOneJdbcBatch() throws Exception {
        blocksOfMoreRowsThanOneJdbcBatch(blobFactory, dir);
        blocksOfMoreRowsThanOneJdbcBatch(bucketFactory, other);
    }

    private static void blocksOfMoreRowsThanOneJdbcBatch(DerbyChainStoreFactory f, Path dir) throws Exception {
        int keys = StateTable.BATCH_ROWS * 2 + 17;
        byte[] root;
        try (ChainStore store = f.open(dir)) {
            StateOverlay genesis = store.overlay();
            for (int i = 0; i < keys; i++) {
                genesis.put(ChainStoreTest.b("acct/" + i), ChainStoreTest.b("v" + i));
            }
            store.commit(genesis, ChainStoreTest.block(0, 0));
            // updates and deletes in several batches each, in one block
            StateOverlay next = store.overlay();
            for (int i = 0; i < keys; i++) {
                if (i % 3 == 0) {
                    next.delete(ChainStoreTest.b("acct/" + i));
                } else {
                    next.put(ChainStoreTest.b("acct/" + i), ChainStoreTest.b("w" + i));
                }
            }
            store.commit(next, ChainStoreTest.block(1, 0));
            root = store.state().root();
        }
        try (ChainStore store = f.open(dir)) {
            assertArrayEquals(root, store.state().root());
            assertEquals(keys - (keys + 2) / 3, store.state().size());
            assertEquals(
                    keys - (keys + 2) / 3,
                    store.state().scan(ChainStoreTest.b("acct/")).size());
            for (int i = 0; i < keys; i += 997) {
                byte[] v = store.state().get(ChainStoreTest.b("acct/" + i));
                if (i % 3 == 0) {
                    assertEquals(null, v);
                } else {
                    assertArrayEquals(ChainStoreTest.b("w" + i), v);
                }
            }
        }
    }

    private static long schema(Path d) throws Exception {
        try (Connection c = Derby.connect(d.toRealPath(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'schema'")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        } finally {
            Derby.shutdown(d.toRealPath());
        }
    }
}
