package org.hypertensor.logging.internal;

import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogLevel;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/** Binds SLF4J to the node's backend; found by slf4j-api through the service loader (SPI Fly in OSGi). */
public final class NodeSlf4jProvider implements SLF4JServiceProvider {

    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory loggerFactory = name -> loggers.computeIfAbsent(name, NodeLogger::new);
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
        // Outside a node (unit tests, benchmarks) levels come from system properties, e.g.
        // -Dhypertensor.log.levels=org.hypertensor.store=DEBUG; in a node the activator applies the framework's.
        String root = System.getProperty("hypertensor.log.level");
        if (root != null && !root.isBlank()) {
            LogBackend.get().setLevel(LogControl.ROOT, LogLevel.parse(root.trim()));
        }
        LoggingActivator.loggerLevels(LogBackend.get(), System.getProperty("hypertensor.log.levels", ""));
    }
}
