package org.hypertensor.logging.api;

/**
 * One recorded log entry.
 *
 * @param millis wall-clock time of the entry, epoch milliseconds
 * @param level its level
 * @param logger the logger name (for OSGi LogService entries, the bundle's symbolic name)
 * @param thread the thread that logged it
 * @param message the formatted message
 * @param error the exception's class and message, or {@code null}
 */
public record LogEntry(long millis, LogLevel level, String logger, String thread, String message, String error) {}
