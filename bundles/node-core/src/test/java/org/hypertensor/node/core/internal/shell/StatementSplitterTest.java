package org.hypertensor.node.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hypertensor.plugin.api.shell.CommandError;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtTopLevelSemicolonsAndNewlines() {
        assertEquals(
                List.of("node:status", "feature:list", "node:logs -n 5"),
                StatementSplitter.split(" node:status ; feature:list\nnode:logs -n 5 ;; "));
    }

    @Test
    void keepsSemicolonsInsideQuotesAndClosures() {
        assertEquals(
                List.of("echo 'a;b'", "each [1 2] { echo $it ; echo x }", "echo \"q\\\";\""),
                StatementSplitter.split("echo 'a;b' ; each [1 2] { echo $it ; echo x } ; echo \"q\\\";\""));
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StatementSplitter.split("echo 'oops"));
        assertEquals("unterminated ' quote", e.getMessage());
    }

    @Test
    void errorsAreDescribedInOneLine() {
        assertEquals(
                "no such feature", BatchRunner.describe(new RuntimeException(new CommandError("no such feature"))));
        assertEquals("IllegalStateException: boom", BatchRunner.describe(new IllegalStateException("boom")));
    }
}
