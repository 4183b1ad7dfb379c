package org.hypertensor.logging.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/** The node's logging, as an OSGi service: change levels while the node runs and read recent entries. */
@ProviderType
public interface LogControl {

    /** The logger name that sets the level of every logger without a more specific setting. */
    String ROOT = "ROOT";

    /**
     * Sets the level of a logger and of every logger below it in the dotted hierarchy
     * ({@code org.hypertensor} covers {@code org.hypertensor.ledger.Pool}); {@link #ROOT} for all.
     */
    void setLevel(String logger, LogLevel level);

    /** Removes a logger's own setting so it inherits again; the root level cannot be cleared. */
    void clearLevel(String logger);

    /** The level in force for a logger name, after inheritance. */
    LogLevel effectiveLevel(String logger);

    /** Every explicit setting, by logger name, the root included. */
    SortedMap<String, LogLevel> levels();

    /** The newest entries at or above {@code minimum}, oldest first, at most {@code max}. */
    List<LogEntry> recent(int max, LogLevel minimum);

    /** The file the node logs to, if it logs to one. */
    Optional<Path> logFile();
}
