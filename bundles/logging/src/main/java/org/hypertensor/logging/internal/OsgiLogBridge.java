package org.hypertensor.logging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.hypertensor.logging.api.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Forwards OSGi LogService entries (SCR, Config Admin, FileInstall, the framework) into the node's
 * log, named after the bundle that logged them, so operators see one log.
 */
final class OsgiLogBridge extends ServiceTracker<LogReaderService, LogReaderService> {

    private final LogListener listener = entry -> forward(entry);

    OsgiLogBridge(BundleContext context) {
        super(context, LogReaderService.class, null);
    }

    @Override
    public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
        LogReaderService reader = super.addingService(reference);
        // Entries logged before we were listening, oldest first.
        List<org.osgi.service.log.LogEntry> earlier = new ArrayList<>();
        for (Enumeration<org.osgi.service.log.LogEntry> e = reader.getLog(); e.hasMoreElements(); ) {
            earlier.add(e.nextElement());
        }
        Collections.reverse(earlier);
        earlier.forEach(this::forward);
        reader.addLogListener(listener);
        return reader;
    }

    @Override
    public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
        reader.removeLogListener(listener);
        super.removedService(reference, reader);
    }

    private void forward(org.osgi.service.log.LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String source = bundle == null || bundle.getSymbolicName() == null ? "osgi" : bundle.getSymbolicName();
        LogLevel level = switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARN;
            case INFO -> LogLevel.INFO;
            case DEBUG -> LogLevel.DEBUG;
            case TRACE -> LogLevel.TRACE;
        };
        String loggerName = entry.getLoggerName();
        // The Log Service records every framework, bundle and service event under "Events.*": routine
        // bookkeeping, kept at DEBUG so the operator's log shows what the node does, not how.
        if (loggerName != null && loggerName.startsWith("Events.")) {
            LogBackend.get().log("osgi.events." + source, LogLevel.DEBUG, entry.getMessage(), entry.getException());
        } else {
            LogBackend.get().log(source, level, entry.getMessage(), entry.getException());
        }
    }
}
