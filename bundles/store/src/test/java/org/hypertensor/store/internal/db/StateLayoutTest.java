package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two value layouts of {@code ht_state}: schema 3's inline values (short ones in the covering index, long ones in
 * {@code vb}) and schema 2's BLOBs, which a database made before schema 3 keeps. The cache is tiny, so reads go to
 * Derby.
 */
class StateLayoutTest {
    @TempDir
    Path dir;

    @TempDir
    Path other;

    private final DerbyChainStoreFactory factory = new DerbyChainStoreFactory(StoreTests.TINY);

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
    void aSchema2DatabaseOpensCommitsAndReopensWithTheSameRoots() throws Exception {
        Map<String, byte[]> values = values();
        // the same blocks on a new database and on one turned back into schema 2 after its genesis
        for (Path d : List.of(dir, other)) {
            try (ChainStore store = factory.open(d)) {
                StateOverlay genesis = store.overlay();
                putAll(genesis, values);
                store.commit(genesis, ChainStoreTest.block(0, 0));
            }
        }
        toSchema2(other);
        byte[][] roots = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path d = i == 0 ? dir : other;
            try (ChainStore store = factory.open(d)) {
                values.forEach((k, v) -> assertArrayEquals(v, store.state().get(ChainStoreTest.b(k)), k));
                StateOverlay next = store.overlay();
                next.put(ChainStoreTest.b("key-48"), new byte[StateLayout.INLINE_BYTES + 1]);
                next.put(ChainStoreTest.b("new"), new byte[] {7});
                next.delete(ChainStoreTest.b("key-0"));
                store.commit(next, ChainStoreTest.block(1, 0));
            }
            try (ChainStore store = factory.open(d)) {
                roots[i] = store.state().root();
                assertArrayEquals(new byte[] {7}, store.state().get(ChainStoreTest.b("new")));
                assertEquals(values.size(), store.state().scan(new byte[0]).size());
            }
        }
        assertArrayEquals(roots[0], roots[1]);
        try (Connection c = Derby.connect(other.toRealPath(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'schema'")) {
            assertTrue(rs.next());
            assertEquals(Schema.OLDEST, rs.getLong(1), "a schema 2 database stays schema 2");
        } finally {
            Derby.shutdown(other.toRealPath());
        }
    }

    /** Rewrites {@code ht_state} as schema 2 made it: {@code v BLOB NOT NULL}, no covering index. */
    private static void toSchema2(Path d) throws Exception {
        try (Connection c = Derby.connect(d.toRealPath(), "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ht_old (kh CHAR(32) FOR BIT DATA NOT NULL PRIMARY KEY,"
                        + " k VARCHAR(512) FOR BIT DATA NOT NULL UNIQUE, v BLOB NOT NULL)");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ht_old VALUES (?, ?, ?)");
                        ResultSet rs = s.executeQuery("SELECT kh, k, v, vb FROM ht_state")) {
                    while (rs.next()) {
                        insert.setBytes(1, rs.getBytes(1));
                        insert.setBytes(2, rs.getBytes(2));
                        StateLayout.BLOB.bind(insert, 3, StateLayout.INLINE.read(rs, 3));
                        insert.executeUpdate();
                    }
                }
                s.execute("DROP TABLE ht_state");
                s.execute("RENAME TABLE ht_old TO ht_state");
                s.execute("UPDATE ht_meta SET num = 2 WHERE name = 'schema'");
            }
            c.commit();
        } finally {
            Derby.shutdown(d.toRealPath());
        }
    }
}
