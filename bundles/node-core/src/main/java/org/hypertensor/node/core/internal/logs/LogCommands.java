package org.hypertensor.node.core.internal.logs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogEntry;
import org.hypertensor.logging.api.LogLevel;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node:logs} and {@code node:loglevel}: read the recent log, change levels while running. */
@Component(
        service = LogCommands.class,
        immediate = true,
        property = {"osgi.command.scope=node", "osgi.command.function=logs", "osgi.command.function=loglevel"})
public final class LogCommands {

    /** More than the log keeps in memory, so "all of them" is a valid request. */
    private static final int MAX_LINES = 100_000;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final LogControl logs;

    @Activate
    public LogCommands(@Reference LogControl logs) {
        this.logs = logs;
    }

    @Descriptor("recent log entries, oldest first")
    public Table logs(
            @Descriptor("how many entries")
                    @Parameter(
                            names = {"-n", "--lines"},
                            absentValue = "20")
                    int lines,
            @Descriptor("lowest level shown")
                    @Parameter(
                            names = {"-l", "--level"},
                            absentValue = "TRACE")
                    String level) {
        Commands.range(lines, "--lines", 1, MAX_LINES);
        Table table = Table.of("TIME", "LEVEL", "LOGGER", "MESSAGE");
        for (LogEntry e : logs.recent(lines, parse(level))) {
            String message = e.error() == null ? e.message() : e.message() + " (" + e.error() + ")";
            table.row(TIME.format(Instant.ofEpochMilli(e.millis())), e.level(), e.logger(), message);
        }
        return table;
    }

    @Descriptor("the log levels set, and the log file")
    public Table loglevel() {
        Table table = Table.of("LOGGER", "LEVEL");
        for (Map.Entry<String, LogLevel> e : logs.levels().entrySet()) {
            table.row(e.getKey(), e.getValue());
        }
        logs.logFile().ifPresent(f -> table.row("(log file)", f));
        return table;
    }

    @Descriptor("set a logger's level (ROOT for all; 'inherit' to clear a logger's own level)")
    public Table loglevel(
            @Descriptor("logger name, or ROOT") String logger,
            @Descriptor("TRACE, DEBUG, INFO, WARN, ERROR, OFF or inherit") String level) {
        if (level.equalsIgnoreCase("inherit")) {
            try {
                logs.clearLevel(logger);
            } catch (IllegalArgumentException e) {
                throw new CommandError(e.getMessage());
            }
        } else {
            logs.setLevel(logger, parse(level));
        }
        return Table.of("LOGGER", "LEVEL").row(logger, logs.effectiveLevel(logger));
    }

    private static LogLevel parse(String level) {
        try {
            return LogLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }
}
