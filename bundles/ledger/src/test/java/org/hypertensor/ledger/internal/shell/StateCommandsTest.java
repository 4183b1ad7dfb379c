package org.hypertensor.ledger.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.db.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger:state} on real Derby stores: the mode, in archive mode the history rows, the rows behind. */
class StateCommandsTest {
    @TempDir
    Path dir;

    private static Map<String, String> rows(DerbyChainStoreFactory factory) {
        return new StateCommands(factory, null)
                .state().rows().stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(1), (a, b) -> a));
    }

    private static void commitOne(ChainStore store) throws Exception {
        StateOverlay o = store.overlay();
        o.put("a".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8));
        o.put("b".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8));
        store.commit(
                o, new BlockRecord(0, new byte[32], new byte[32], new byte[1], new byte[1], List.of(), new byte[0]));
    }

    @Test
    void showsTheModeAndTheHistory() throws Exception {
        DerbyChainStoreFactory archive =
                new DerbyChainStoreFactory(new StoreOptions(4096, 8, 50, StoreOptions.ARCHIVE, 4));
        try (ChainStore store = archive.open(dir.resolve("archive"))) {
            commitOne(store);
            Map<String, String> rows = rows(archive);
            assertEquals("archive (every state kept)", rows.get("mode"), rows.toString());
            assertEquals("#0 .. #0 (all)", rows.get("states kept"));
            assertTrue(rows.get("history").startsWith("2 rows, "), rows.toString());
        }
        DerbyChainStoreFactory pruned =
                new DerbyChainStoreFactory(new StoreOptions(4096, 8, 50, 16, 64).withRowsBehind(0));
        try (ChainStore store = pruned.open(dir.resolve("pruned"))) {
            commitOne(store);
            Map<String, String> rows = rows(pruned);
            assertEquals("pruned", rows.get("mode"));
            assertTrue(!rows.containsKey("history"), rows.toString());
            assertTrue(rows.get("rows behind").startsWith("0 blocks"), "written in the commit: " + rows);
        }
    }
}
