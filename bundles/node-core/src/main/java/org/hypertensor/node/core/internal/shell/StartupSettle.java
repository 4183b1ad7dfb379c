package org.hypertensor.node.core.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hypertensor.node.core.api.FeatureService;
import org.hypertensor.node.core.internal.features.FeatureManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits until FileInstall has done its first pass over the home: every {@code etc/*.cfg} is a
 * configuration and every {@code deploy/*.jar} is installed and past starting, so a command run right
 * after start sees the node the operator set up rather than a half-started one.
 */
final class StartupSettle {

    private static final String FILENAME = "felix.fileinstall.filename";
    private final BundleContext context;

    StartupSettle(BundleContext context) {
        this.context = context;
    }

    /**
     * Waits for the home's configuration and deployed bundles, then for the features recorded or
     * declared for this launch: what an operator's first command should find.
     */
    void awaitNode(FeatureService features) throws InterruptedException {
        awaitInitialConfig(10, TimeUnit.SECONDS);
        awaitDeployedBundles(10, TimeUnit.SECONDS);
        if (features instanceof FeatureManager manager) {
            manager.awaitRestored(60, TimeUnit.SECONDS);
        }
    }

    void awaitInitialConfig(long timeout, TimeUnit unit) throws InterruptedException {
        String home = context.getProperty("hypertensor.home");
        if (home == null) {
            return;
        }
        Set<String> expected = files(Path.of(home, "etc"), ".cfg");
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
                    Object name =
                            c.getProperties() == null ? null : c.getProperties().get(FILENAME);
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

    /**
     * Waits until each jar in {@code deploy/} is a bundle that is no longer merely installed or
     * starting (one that cannot resolve stays INSTALLED: the wait ends at the deadline and
     * {@code node:status} shows it).
     */
    void awaitDeployedBundles(long timeout, TimeUnit unit) throws InterruptedException {
        String home = context.getProperty("hypertensor.home");
        if (home == null) {
            return;
        }
        Set<String> jars = files(Path.of(home, "deploy"), ".jar");
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!jars.isEmpty() && System.nanoTime() < deadline) {
            Set<String> settled = new HashSet<>();
            for (Bundle b : context.getBundles()) {
                String location = b.getLocation();
                String name = location.substring(location.lastIndexOf('/') + 1);
                boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
                if (jars.contains(name)
                        && location.contains("/deploy/")
                        && (b.getState() == Bundle.ACTIVE || fragment && b.getState() == Bundle.RESOLVED)) {
                    settled.add(name);
                }
            }
            if (settled.containsAll(jars)) {
                return;
            }
            Thread.sleep(25);
        }
    }

    private static Set<String> files(Path dir, String suffix) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .forEach(names::add);
        } catch (IOException e) {
            // an unreadable folder means nothing to wait for
        }
        return names;
    }
}
