package org.hypertensor.logging.api;

import java.util.Locale;

/** Log levels, least to most severe; a logger at level L records L and everything more severe. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF;

    /** Parses a level name case-insensitively; the message lists the valid names. */
    public static LogLevel parse(String name) {
        try {
            return valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown log level '" + name + "' (use TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
    }

    public boolean enables(LogLevel entry) {
        return this != OFF && entry != OFF && entry.ordinal() >= ordinal();
    }
}
