package org.hypertensor.model.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.internal.store.ModelStore;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model:tokenize} and {@code model:detokenize} on a generated (byte-level) model. */
class TokenizeCommandsTest {

    @TempDir
    Path dir;

    @Test
    void tokenizeShowsIdsAndDetokenizeReadsThemBack() {
        ModelStore store = new ModelStore(dir);
        store.generate("t", "tiny", 1, LoadProgress.NONE);
        ModelCommands commands = new ModelCommands(store);
        Table t = commands.tokenize(true, "t", "a b\n");
        assertEquals(
                List.of(
                        List.of("0", "256", "-", ""),
                        List.of("1", "97", "-", "a"),
                        List.of("2", "32", "-", "\u2423"),
                        List.of("3", "98", "-", "b"),
                        List.of("4", "10", "-", "\\n")),
                t.rows());
        assertEquals("a b\n", commands.detokenize(false, "t", "97,32", "98", "[10]"));
        assertEquals(
                "token id 300 is outside the vocabulary (0..257)",
                assertThrows(CommandError.class, () -> commands.detokenize(false, "t", "300"))
                        .getMessage());
        assertEquals(
                "'x' is not a token id",
                assertThrows(CommandError.class, () -> commands.detokenize(false, "t", "1,x"))
                        .getMessage());
        assertThrows(CommandError.class, () -> commands.tokenize(false, "none", "a"));
    }
}
