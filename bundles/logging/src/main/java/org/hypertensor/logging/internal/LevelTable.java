package org.hypertensor.logging.internal;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogLevel;

/**
 * Levels by logger name with dotted-prefix inheritance. Lookups are cached because they run on every
 * log call; any change clears the cache.
 */
final class LevelTable {

    private final TreeMap<String, LogLevel> explicit = new TreeMap<>();
    private final ConcurrentHashMap<String, LogLevel> cache = new ConcurrentHashMap<>();

    LevelTable(LogLevel root) {
        explicit.put(LogControl.ROOT, root);
    }

    synchronized void set(String logger, LogLevel level) {
        explicit.put(normalize(logger), level);
        cache.clear();
    }

    synchronized void clear(String logger) {
        String name = normalize(logger);
        if (name.equals(LogControl.ROOT)) {
            throw new IllegalArgumentException("the root level cannot be cleared, only set");
        }
        explicit.remove(name);
        cache.clear();
    }

    LogLevel effective(String logger) {
        return cache.computeIfAbsent(logger == null ? "" : logger, this::resolve);
    }

    synchronized SortedMap<String, LogLevel> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(explicit));
    }

    private synchronized LogLevel resolve(String logger) {
        String name = logger;
        while (!name.isEmpty()) {
            LogLevel level = explicit.get(name);
            if (level != null) {
                return level;
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
        return explicit.get(LogControl.ROOT);
    }

    private static String normalize(String logger) {
        if (logger == null || logger.isBlank() || logger.equalsIgnoreCase(LogControl.ROOT)) {
            return LogControl.ROOT;
        }
        return logger.trim();
    }
}
