package org.hypertensor.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogEntry;
import org.hypertensor.logging.api.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogBackendTest {

    @Test
    void slf4jCallsReachTheHistoryFilteredByLevel() {
        LogBackend backend = LogBackend.get();
        backend.configureConsole(LogLevel.OFF, false);
        backend.setLevel(LogControl.ROOT, LogLevel.INFO);
        Logger log = new NodeSlf4jProvider().getLoggerFactory().getLogger("test.recent");
        log.debug("hidden {}", 1);
        log.info("block {} imported", 7);
        log.warn("peer {} misbehaved", "p1", new IllegalStateException("bad frame"));

        List<LogEntry> warnings = backend.recent(10, LogLevel.WARN).stream()
                .filter(e -> e.logger().equals("test.recent"))
                .toList();
        assertEquals(1, warnings.size());
        assertEquals("peer p1 misbehaved", warnings.get(0).message());
        assertEquals(
                "java.lang.IllegalStateException: bad frame", warnings.get(0).error());

        List<String> all = backend.recent(LogBackend.HISTORY, LogLevel.TRACE).stream()
                .filter(e -> e.logger().equals("test.recent"))
                .map(LogEntry::message)
                .toList();
        assertEquals(List.of("block 7 imported", "peer p1 misbehaved"), all);
    }

    @Test
    void historyIsBoundedAndKeepsTheNewest() {
        LogBackend backend = LogBackend.get();
        backend.configureConsole(LogLevel.OFF, false);
        backend.setLevel(LogControl.ROOT, LogLevel.INFO);
        for (int i = 0; i < LogBackend.HISTORY + 50; i++) {
            backend.log("test.bound", LogLevel.INFO, "entry " + i, null);
        }
        List<LogEntry> recent = backend.recent(Integer.MAX_VALUE, LogLevel.TRACE);
        assertEquals(LogBackend.HISTORY, recent.size());
        assertEquals(
                "entry " + (LogBackend.HISTORY + 49),
                recent.get(recent.size() - 1).message());
    }

    @Test
    void theLogFileRollsOverBySize(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("node.log");
        LogFile file = new LogFile(path, 200, 2);
        for (int i = 0; i < 20; i++) {
            file.write("line number " + i + " with some padding", null);
        }
        file.close();
        assertTrue(Files.exists(dir.resolve("node.log.1")));
        assertTrue(Files.exists(dir.resolve("node.log.2")));
        assertTrue(!Files.exists(dir.resolve("node.log.3")), "keeps only the configured number");
        assertTrue(Files.size(path) <= 200);
        assertTrue(Files.readString(path).contains("line number 19"));
    }
}
