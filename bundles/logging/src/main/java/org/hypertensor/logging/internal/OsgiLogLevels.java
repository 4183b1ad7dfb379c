package org.hypertensor.logging.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The OSGi Log Service drops entries below WARN unless told otherwise (its root logger context
 * defaults to WARN), which would hide what FileInstall, SCR and Config Admin report at INFO — e.g. a
 * bundle installed from deploy/. Raise the root context to INFO unless an operator configured it.
 */
final class OsgiLogLevels extends ServiceTracker<LoggerAdmin, LoggerAdmin> {

    OsgiLogLevels(BundleContext context) {
        super(context, LoggerAdmin.class, null);
    }

    @Override
    public LoggerAdmin addingService(ServiceReference<LoggerAdmin> reference) {
        LoggerAdmin admin = super.addingService(reference);
        LoggerContext root = admin.getLoggerContext(null);
        Map<String, org.osgi.service.log.LogLevel> levels = new HashMap<>(root.getLogLevels());
        if (levels.putIfAbsent(Logger.ROOT_LOGGER_NAME, org.osgi.service.log.LogLevel.INFO) == null) {
            root.setLogLevels(levels);
        }
        return admin;
    }
}
