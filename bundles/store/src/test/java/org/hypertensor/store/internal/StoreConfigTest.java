package org.hypertensor.store.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's configuration: a bad {@code pruning} refuses opens (never falls back to a mode), archive works. */
class StoreConfigTest {
    @TempDir
    Path dir;

    private static StoreConfig config(String pruning) {
        return config(pruning, "blob");
    }

    private static StoreConfig config(String pruning, String values) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public int cache_mb() {
                return 1;
            }

            @Override
            public String pruning() {
                return pruning;
            }

            @Override
            public int states_max() {
                return 4;
            }

            @Override
            public int bucket_bits() {
                return 8;
            }

            @Override
            public int tree_changes() {
                return 50;
            }

            @Override
            public String blocks_keep() {
                return "all";
            }

            @Override
            public String state_values() {
                return values;
            }

            @Override
            public int state_rows_behind() {
                return 2;
            }
        };
    }

    @Test
    void badPruningRefusesOpensUntilFixed() throws Exception {
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory();
        factory.configure(config("archiv"));
        StoreException e = assertThrows(StoreException.class, () -> factory.open(dir));
        assertTrue(e.getMessage().contains("pruning = 'archiv'"), e.getMessage());
        factory.configure(config("archive"));
        try (ChainStore store = factory.open(dir)) {
            assertTrue(store.stats().archive());
        }
        factory.configure(config("16"));
        StoreException mode = assertThrows(StoreException.class, () -> factory.open(dir));
        assertTrue(mode.getMessage().contains("set pruning = archive"), mode.getMessage());
        factory.deactivate();
    }

    @Test
    void badStateValuesRefusesOpensUntilFixed() throws Exception {
        DerbyChainStoreFactory factory = new DerbyChainStoreFactory();
        factory.configure(config("16", "inlined"));
        StoreException e = assertThrows(StoreException.class, () -> factory.open(dir));
        assertTrue(
                e.getMessage().contains("state.values = 'inlined' is not 'bucket', 'blob' or 'inline'"),
                e.getMessage());
        factory.configure(config("16", "INLINE"));
        try (ChainStore store = factory.open(dir)) {
            assertTrue(store.state().root().length == 32);
        }
        factory.deactivate();
    }
}
