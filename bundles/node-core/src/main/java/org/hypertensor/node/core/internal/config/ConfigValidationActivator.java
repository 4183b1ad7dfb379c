package org.hypertensor.node.core.internal.config;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * Registers the validating plugin from the activator rather than as a component, so it is in place
 * before SCR hands this bundle's own components their configuration.
 */
public final class ConfigValidationActivator implements BundleActivator {

    private MetatypeIndex index;

    @Override
    public void start(BundleContext context) {
        index = new MetatypeIndex(context);
        index.open();
        context.registerService(
                ConfigurationPlugin.class,
                new ValidatingConfigurationPlugin(index),
                ValidatingConfigurationPlugin.registrationProperties());
    }

    @Override
    public void stop(BundleContext context) {
        index.close();
    }
}
