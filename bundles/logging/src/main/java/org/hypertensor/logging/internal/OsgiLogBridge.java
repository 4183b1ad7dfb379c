package org.hypertensor.logging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.hypertensor.logging.api.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
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
        } else if (isBundleProblem(entry.getException())) {
            // An operator's problem (a deployed jar that cannot resolve): what is missing, not where it was noticed.
            LogBackend.get().log(source, level, entry.getMessage() + ": " + bundleProblem(entry.getException()), null);
        } else {
            LogBackend.get().log(source, level, entry.getMessage(), entry.getException());
        }
    }

    private static final String BUNDLE_EXCEPTION = "org.osgi.framework.BundleException: ";

    /**
     * A bundle that cannot resolve or be installed; the Log Service hands it over wrapped (a {@code LogException}
     * naming the original class) when it came from another class loader.
     */
    static boolean isBundleProblem(Throwable e) {
        if (e instanceof BundleException b) {
            return b.getType() == BundleException.RESOLVE_ERROR || b.getType() == BundleException.MANIFEST_ERROR;
        }
        String m = e == null ? null : e.getMessage();
        return m != null
                && m.startsWith(BUNDLE_EXCEPTION)
                && (m.contains("Unable to resolve") || m.contains("manifest"));
    }

    /** The resolver's reason without its restatement ("Unresolved requirements: …"). */
    static String bundleProblem(Throwable e) {
        String m = e.getMessage();
        if (m.startsWith(BUNDLE_EXCEPTION)) {
            m = m.substring(BUNDLE_EXCEPTION.length());
        }
        int restated = m.indexOf(" Unresolved requirements:");
        return restated > 0 ? m.substring(0, restated) : m;
    }
}
