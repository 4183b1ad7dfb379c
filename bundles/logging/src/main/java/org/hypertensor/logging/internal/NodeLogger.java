package org.hypertensor.logging.internal;

import org.hypertensor.logging.api.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that checks its level on every call, so level changes apply at once. */
final class NodeLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    NodeLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogBackend.get().enabled(name, LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogBackend.get().enabled(name, LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogBackend.get().enabled(name, LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogBackend.get().enabled(name, LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogBackend.get().enabled(name, LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] args, Throwable error) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        LogBackend.get().log(name, toLevel(level), message, error);
    }

    static LogLevel toLevel(Level level) {
        return switch (level) {
            case TRACE -> LogLevel.TRACE;
            case DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
    }
}
