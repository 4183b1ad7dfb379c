package org.hypertensor.node.core.internal.config;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components whose config file was refused before any good copy of it existed (typically a bad file at a
 * node's first start): they are kept disabled instead of starting on guessed defaults, until their file is
 * accepted. Components installed later (a feature) are caught when SCR's change count moves.
 */
final class HeldComponents {

    private static final Logger LOG = LoggerFactory.getLogger(HeldComponents.class);

    private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> runtime;
    private final Set<String> heldPids = new TreeSet<>(); // guarded by this
    private final Set<String> disabled = new TreeSet<>(); // component names disabled here, guarded by this

    HeldComponents(BundleContext context) {
        this.runtime = new ServiceTracker<>(context, ServiceComponentRuntime.class, null) {
            @Override
            public ServiceComponentRuntime addingService(ServiceReference<ServiceComponentRuntime> reference) {
                ServiceComponentRuntime scr = super.addingService(reference);
                apply(scr);
                return scr;
            }

            @Override
            public void modifiedService(
                    ServiceReference<ServiceComponentRuntime> reference, ServiceComponentRuntime scr) {
                apply(scr);
            }
        };
    }

    void open() {
        runtime.open();
    }

    void close() {
        runtime.close();
    }

    synchronized void hold(String pid) {
        if (heldPids.add(pid)) {
            apply(runtime.getService());
        }
    }

    synchronized void release(String pid) {
        ServiceComponentRuntime scr = runtime.getService();
        if (!heldPids.remove(pid) || scr == null) {
            return;
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (disabled.contains(d.name) && configuredBy(d, pid)) {
                disabled.remove(d.name);
                scr.enableComponent(d);
                LOG.info("Component {} enabled: its config file was accepted", d.name);
            }
        }
    }

    private synchronized void apply(ServiceComponentRuntime scr) {
        if (scr == null || heldPids.isEmpty()) {
            return;
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            for (String pid : heldPids) {
                if (configuredBy(d, pid) && scr.isComponentEnabled(d)) {
                    disabled.add(d.name);
                    scr.disableComponent(d);
                    LOG.error(
                            "Component {} not started: etc/{}.cfg was refused and there is no earlier good"
                                    + " configuration to use instead of guessed defaults",
                            d.name,
                            pid);
                }
            }
        }
    }

    private static boolean configuredBy(ComponentDescriptionDTO d, String pid) {
        return d.configurationPid != null && Arrays.asList(d.configurationPid).contains(pid);
    }
}
