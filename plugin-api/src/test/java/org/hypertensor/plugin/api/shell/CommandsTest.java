package org.hypertensor.plugin.api.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void printableEscapesControlCharactersButKeepsLinesTabsAndUnicode() {
        assertEquals("a\\u001b[2Jb\\u0007\nc\td é 中 🙂", Commands.printable("a\u001b[2Jb\u0007\nc\td é 中 🙂"));
        assertEquals("\\u000d\\u007f\\u0085", Commands.printable("\r\u007f\u0085"));
    }

    @Test
    void numberSaysTheRange() {
        assertEquals(5, Commands.number("5", "count", 1, 9));
        CommandError e = assertThrows(CommandError.class, () -> Commands.number("0", "count", 1, 9));
        assertEquals("count must be a whole number from 1 to 9, not '0'", e.getMessage());
    }

    @Test
    void rangeRefusesNegativeZeroAndTooLargeWhereTheyMeanNothing() {
        assertEquals(3, Commands.range(3, "--lines", 1, 10));
        assertEquals(0L, Commands.range(0L, "epoch", 0, Long.MAX_VALUE));
        assertEquals(
                "--lines must be from 1 to 10, not 0",
                assertThrows(CommandError.class, () -> Commands.range(0, "--lines", 1, 10))
                        .getMessage());
        assertEquals(
                "--lines must be from 1 to 10, not 11",
                assertThrows(CommandError.class, () -> Commands.range(11, "--lines", 1, 10))
                        .getMessage());
        assertEquals(0.5, Commands.range(0.5, "--top-p", 0, 1));
        assertEquals(
                "--temperature must be from 0 to 100, not -1",
                assertThrows(CommandError.class, () -> Commands.range(-1.0, "--temperature", 0, 100))
                        .getMessage());
        assertThrows(CommandError.class, () -> Commands.range(Double.NaN, "--top-p", 0, 1));
        assertThrows(CommandError.class, () -> Commands.range(Double.POSITIVE_INFINITY, "--top-p", 0, 1));
    }
}
