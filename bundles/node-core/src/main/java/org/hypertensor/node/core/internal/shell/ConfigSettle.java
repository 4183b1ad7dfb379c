package org.hypertensor.node.core.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits until FileInstall has turned every {@code etc/*.cfg} into a configuration, so a command run
 * right after start sees the operator's settings rather than the defaults.
 */
final class ConfigSettle {

    private static final String FILENAME = "felix.fileinstall.filename";
    private final BundleContext context;

    ConfigSettle(BundleContext context) {
        this.context = context;
    }

    void awaitInitialConfig(long timeout, TimeUnit unit) throws InterruptedException {
        String home = context.getProperty("hypertensor.home");
        if (home == null) {
            return;
        }
        Set<String> expected = cfgFiles(Path.of(home, "etc"));
        if (expected.isEmpty()) {
            return;
        }
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm =
                new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        cm.open();
        try {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (System.nanoTime() < deadline) {
                ConfigurationAdmin admin = cm.waitForService(100);
                if (admin != null && loaded(admin).containsAll(expected)) {
                    return;
                }
                Thread.sleep(25);
            }
        } finally {
            cm.close();
        }
    }

    private static Set<String> loaded(ConfigurationAdmin admin) {
        Set<String> files = new HashSet<>();
        try {
            Configuration[] configs = admin.listConfigurations("(" + FILENAME + "=*)");
            if (configs != null) {
                for (Configuration c : configs) {
                    Object name = c.getProperties() == null ? null : c.getProperties().get(FILENAME);
                    if (name != null) {
                        String path = name.toString();
                        files.add(path.substring(path.lastIndexOf('/') + 1));
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            // treated as nothing loaded yet; the caller retries until its deadline
        }
        return files;
    }

    private static Set<String> cfgFiles(Path etc) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(etc)) {
            return names;
        }
        try (Stream<Path> files = Files.list(etc)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cfg")).forEach(names::add);
        } catch (IOException e) {
            // an unreadable etc/ means nothing to wait for
        }
        return names;
    }
}
