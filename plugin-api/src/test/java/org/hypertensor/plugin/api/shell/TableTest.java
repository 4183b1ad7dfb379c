package org.hypertensor.plugin.api.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsUnderARule() {
        Table table = Table.of("ID", "STATE").row(1, "ACTIVE").row(22, null);
        assertEquals("ID  STATE\n--  ------\n1   ACTIVE\n22  -\n", table.toString());
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Table.of("A", "B").row(1));
        assertTrue(e.getMessage().contains("1 cells but the table has 2 columns"));
    }

    @Test
    void reportPrintsTitledSectionsInOrder() {
        Report report = Report.create().section("One", Table.of("A").row("x")).section("Two", Table.of("B"));
        assertEquals("One\nA\n-\nx\n\nTwo\nB\n-\n", report.toString());
        assertThrows(IllegalArgumentException.class, () -> report.section("One", Table.of("C")));
    }

    @Test
    void commandErrorCarriesOnlyItsMessage() {
        CommandError error = new CommandError("no such subnet");
        assertEquals("no such subnet", error.getMessage());
        assertEquals(0, error.getStackTrace().length);
    }
}
