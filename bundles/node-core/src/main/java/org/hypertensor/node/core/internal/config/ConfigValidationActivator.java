package org.hypertensor.node.core.internal.config;

import java.util.Hashtable;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationPlugin;
import org.slf4j.LoggerFactory;

/**
 * Registers the validating plugin and the config file guard from the activator rather than as
 * components, so they are in place before SCR hands this bundle's own components their configuration
 * and before FileInstall hands etc/ files on again (see {@link #recheckConfigFiles}).
 */
public final class ConfigValidationActivator implements BundleActivator {

    private MetatypeIndex index;
    private ConfigFileGuard guard;

    @Override
    public void start(BundleContext context) {
        index = new MetatypeIndex(context);
        index.open();
        context.registerService(
                ConfigurationPlugin.class,
                new ValidatingConfigurationPlugin(index),
                ValidatingConfigurationPlugin.registrationProperties());
        ConfigFileProblems problems = new ConfigFileProblems();
        guard = new ConfigFileGuard(context, index, problems);
        guard.open();
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, 1000); // FileInstall asks the highest-ranked installer first
        context.registerService(ArtifactInstaller.class, guard, ranking);
        context.registerService(ConfigFileProblems.class, problems, null);
        recheckConfigFiles(context);
    }

    /**
     * FileInstall (start level 1) read etc/ before this guard existed, and keeps each file with the
     * installer that first took it. Restarting it makes every .cfg file go through the guard from now on
     * (an unchanged file is no change to Config Admin); a refused one is reported now.
     */
    private static void recheckConfigFiles(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if ("org.apache.felix.fileinstall".equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    LoggerFactory.getLogger(ConfigValidationActivator.class)
                            .error("Cannot restart FileInstall to check config files: {}", e.getMessage());
                }
                startDeployedBundles(context);
            }
        }
    }

    /**
     * The restart can fall between FileInstall installing a deploy/ bundle and starting it, and FileInstall
     * does not start a bundle it already knows: start those it installed and left only resolved.
     */
    private static void startDeployedBundles(BundleContext context) {
        String dirs = context.getProperty("felix.fileinstall.dir");
        if (dirs == null) {
            return;
        }
        for (String dir : dirs.split(",")) {
            String prefix =
                    new java.io.File(dir.trim()).getAbsoluteFile().toURI().toString();
            for (Bundle b : context.getBundles()) {
                boolean deployed = b.getLocation().startsWith(prefix);
                boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                if (deployed && !fragment && (b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0) {
                    try {
                        b.start();
                    } catch (BundleException | IllegalStateException e) {
                        // FileInstall reports its own deploy/ failures; this only finishes its interrupted start
                        LoggerFactory.getLogger(ConfigValidationActivator.class)
                                .debug("Deployed bundle {} not started: {}", b.getSymbolicName(), e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        guard.close();
        index.close();
    }
}
