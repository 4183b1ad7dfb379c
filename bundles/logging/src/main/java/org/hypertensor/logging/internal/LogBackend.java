package org.hypertensor.logging.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogEntry;
import org.hypertensor.logging.api.LogLevel;

/**
 * Where every log entry of the node goes: a bounded in-memory history for the shell, the console
 * (above a console threshold) and the log file. One per JVM, because SLF4J instantiates its provider
 * through the service loader, before any OSGi activator runs.
 */
final class LogBackend implements LogControl {

    static final int HISTORY = 2_000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final LogBackend INSTANCE = new LogBackend();

    private final LevelTable levels = new LevelTable(LogLevel.INFO);
    private final ArrayDeque<LogEntry> history = new ArrayDeque<>(HISTORY);
    private volatile LogLevel consoleThreshold = LogLevel.INFO;
    private volatile PrintStream console = System.out;
    private volatile LogFile file;

    static LogBackend get() {
        return INSTANCE;
    }

    boolean enabled(String logger, LogLevel level) {
        return levels.effective(logger).enables(level);
    }

    void log(String logger, LogLevel level, String message, Throwable error) {
        if (!enabled(logger, level)) {
            return;
        }
        LogEntry entry = new LogEntry(
                System.currentTimeMillis(),
                level,
                logger,
                Thread.currentThread().getName(),
                message,
                error == null ? null : error.toString());
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(entry);
        }
        String line = format(entry);
        if (consoleThreshold.enables(level)) {
            PrintStream out = console;
            synchronized (out) {
                out.println(line);
                if (error != null && level.ordinal() >= LogLevel.WARN.ordinal()) {
                    error.printStackTrace(out);
                }
            }
        }
        LogFile f = file;
        if (f != null) {
            f.write(line, error);
        }
    }

    static String format(LogEntry e) {
        String logger = e.logger();
        int dot = logger.lastIndexOf('.');
        String shortName = dot < 0 ? logger : logger.substring(dot + 1);
        String text = TIME.format(Instant.ofEpochMilli(e.millis())) + " "
                + pad(e.level().name()) + " [" + shortName + "] " + e.message();
        return e.error() == null ? text : text + " (" + e.error() + ")";
    }

    private static String pad(String level) {
        return level.length() >= 5 ? level : level + " ".repeat(5 - level.length());
    }

    void configureConsole(LogLevel threshold, boolean useStderr) {
        consoleThreshold = threshold;
        console = useStderr ? System.err : System.out;
    }

    void configureFile(LogFile newFile) {
        LogFile old = file;
        file = newFile;
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void setLevel(String logger, LogLevel level) {
        levels.set(logger, level);
    }

    @Override
    public void clearLevel(String logger) {
        levels.clear(logger);
    }

    @Override
    public LogLevel effectiveLevel(String logger) {
        return levels.effective(logger);
    }

    @Override
    public SortedMap<String, LogLevel> levels() {
        return levels.snapshot();
    }

    @Override
    public List<LogEntry> recent(int max, LogLevel minimum) {
        List<LogEntry> out = new ArrayList<>();
        synchronized (history) {
            var it = history.descendingIterator();
            while (it.hasNext() && out.size() < max) {
                LogEntry e = it.next();
                if (e.level().ordinal() >= minimum.ordinal()) {
                    out.add(e);
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public Optional<Path> logFile() {
        LogFile f = file;
        return f == null ? Optional.empty() : Optional.of(f.path());
    }
}
