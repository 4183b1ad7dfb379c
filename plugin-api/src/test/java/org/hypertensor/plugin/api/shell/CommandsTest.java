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
}
