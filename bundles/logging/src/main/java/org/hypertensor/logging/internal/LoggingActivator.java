package org.hypertensor.logging.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogLevel;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Configures the backend from framework properties set by the launcher and publishes
 * {@link LogControl}. Deliberately no DS: it starts at level 1, before SCR.
 *
 * <ul>
 * <li>{@code hypertensor.log.level} — root level (default INFO)</li>
 * <li>{@code hypertensor.log.levels} — levels of single loggers, {@code name=LEVEL,name=LEVEL} (default none)</li>
 * <li>{@code hypertensor.log.console} — console threshold (default INFO; OFF for none)</li>
 * <li>{@code hypertensor.log.console.stderr} — log to stderr instead of stdout (non-interactive runs)</li>
 * <li>{@code hypertensor.log.file} — log file path (empty for none)</li>
 * <li>{@code hypertensor.log.file.max.mb} / {@code hypertensor.log.file.keep} — roll-over size and count</li>
 * </ul>
 */
public final class LoggingActivator implements BundleActivator {

    private OsgiLogBridge bridge;
    private OsgiLogLevels osgiLevels;

    @Override
    public void start(BundleContext context) {
        LogBackend backend = LogBackend.get();
        backend.setLevel(LogControl.ROOT, level(context, "hypertensor.log.level", LogLevel.INFO));
        loggerLevels(backend, property(context, "hypertensor.log.levels", ""));
        backend.configureConsole(
                level(context, "hypertensor.log.console", LogLevel.INFO),
                Boolean.parseBoolean(context.getProperty("hypertensor.log.console.stderr")));
        String file = context.getProperty("hypertensor.log.file");
        if (file != null && !file.isBlank()) {
            try {
                long maxMb = Long.parseLong(property(context, "hypertensor.log.file.max.mb", "20"));
                int keep = Integer.parseInt(property(context, "hypertensor.log.file.keep", "5"));
                backend.configureFile(new LogFile(Path.of(file), maxMb * 1024 * 1024, keep));
            } catch (IOException | NumberFormatException e) {
                System.err.println("logging: cannot log to " + file + " (" + e.getMessage() + "); console only");
            }
        }
        context.registerService(LogControl.class, backend, null);
        if (logServiceAvailable()) {
            bridge = new OsgiLogBridge(context);
            bridge.open();
            osgiLevels = new OsgiLogLevels(context);
            osgiLevels.open();
        }
    }

    @Override
    public void stop(BundleContext context) {
        if (bridge != null) {
            bridge.close();
            osgiLevels.close();
        }
        LogBackend.get().configureFile(null);
    }

    private static LogLevel level(BundleContext context, String key, LogLevel fallback) {
        String value = context.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LogLevel.parse(value);
        } catch (IllegalArgumentException e) {
            System.err.println("logging: " + key + ": " + e.getMessage() + "; using " + fallback);
            return fallback;
        }
    }

    /** {@code name=LEVEL,…}: a bad entry is reported and skipped, the others apply. */
    static void loggerLevels(LogBackend backend, String spec) {
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            try {
                if (eq < 1) {
                    throw new IllegalArgumentException("expected logger=LEVEL");
                }
                backend.setLevel(
                        entry.substring(0, eq).trim(),
                        LogLevel.parse(entry.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                System.err.println("logging: hypertensor.log.levels: '" + entry.trim() + "': " + e.getMessage());
            }
        }
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static boolean logServiceAvailable() {
        try {
            Class.forName("org.osgi.service.log.LogReaderService");
            Class.forName("org.osgi.service.log.admin.LoggerAdmin");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
