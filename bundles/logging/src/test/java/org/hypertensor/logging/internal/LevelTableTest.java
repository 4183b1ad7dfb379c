package org.hypertensor.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hypertensor.logging.api.LogLevel;
import org.junit.jupiter.api.Test;

class LevelTableTest {

    @Test
    void aLoggerInheritsFromItsNearestDottedAncestor() {
        LevelTable table = new LevelTable(LogLevel.INFO);
        table.set("org.hypertensor", LogLevel.DEBUG);
        table.set("org.hypertensor.p2p.yamux", LogLevel.WARN);
        assertEquals(LogLevel.DEBUG, table.effective("org.hypertensor.ledger.Pool"));
        assertEquals(LogLevel.WARN, table.effective("org.hypertensor.p2p.yamux.Session"));
        assertEquals(LogLevel.INFO, table.effective("org.apache.felix.scr"));
        assertEquals(LogLevel.INFO, table.effective("org.hypertensorx"), "prefix must end at a dot");
    }

    @Test
    void changesApplyToLoggersAlreadyLookedUp() {
        LevelTable table = new LevelTable(LogLevel.INFO);
        assertEquals(LogLevel.INFO, table.effective("a.b"));
        table.set("a", LogLevel.ERROR);
        assertEquals(LogLevel.ERROR, table.effective("a.b"));
        table.clear("a");
        assertEquals(LogLevel.INFO, table.effective("a.b"));
    }

    @Test
    void theRootCanBeSetButNotCleared() {
        LevelTable table = new LevelTable(LogLevel.INFO);
        table.set("root", LogLevel.WARN);
        assertEquals(LogLevel.WARN, table.effective("anything"));
        assertThrows(IllegalArgumentException.class, () -> table.clear("ROOT"));
    }

    @Test
    void levelNamesParseCaseInsensitivelyAndExplainMistakes() {
        assertEquals(LogLevel.DEBUG, LogLevel.parse(" debug "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("LOUD"));
        assertEquals("unknown log level 'LOUD' (use TRACE, DEBUG, INFO, WARN, ERROR or OFF)", e.getMessage());
        assertEquals(false, LogLevel.OFF.enables(LogLevel.ERROR));
        assertEquals(true, LogLevel.WARN.enables(LogLevel.ERROR));
        assertEquals(false, LogLevel.WARN.enables(LogLevel.INFO));
    }
}
