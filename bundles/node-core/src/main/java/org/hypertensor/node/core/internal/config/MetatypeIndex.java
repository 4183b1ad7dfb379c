package org.hypertensor.node.core.internal.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Finds the metatype (the typed description generated from a component's configuration annotation)
 * of a configuration PID, across all bundles. Answers are cached until a bundle changes.
 */
final class MetatypeIndex implements BundleListener {

    private final BundleContext context;
    private final ServiceTracker<MetaTypeService, MetaTypeService> metatype;
    private final ConcurrentHashMap<String, Optional<ObjectClassDefinition>> cache = new ConcurrentHashMap<>();

    MetatypeIndex(BundleContext context) {
        this.context = context;
        this.metatype = new ServiceTracker<>(context, MetaTypeService.class, null);
    }

    void open() {
        metatype.open();
        context.addBundleListener(this);
    }

    void close() {
        context.removeBundleListener(this);
        metatype.close();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        cache.clear();
    }

    /** The definition for a configuration: by factory PID when it is a factory configuration. */
    Optional<ObjectClassDefinition> find(String pid, String factoryPid) {
        String key = factoryPid != null ? factoryPid : pid;
        if (key == null) {
            return Optional.empty();
        }
        MetaTypeService service = metatype.getService();
        if (service == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(key, k -> lookup(service, k, factoryPid != null));
    }

    private Optional<ObjectClassDefinition> lookup(MetaTypeService service, String key, boolean factory) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info;
            try {
                info = service.getMetaTypeInformation(bundle);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue; // uninstalled meanwhile
            }
            if (info == null) {
                continue;
            }
            String[] pids = factory ? info.getFactoryPids() : info.getPids();
            if (pids != null && Arrays.asList(pids).contains(key)) {
                return Optional.ofNullable(info.getObjectClassDefinition(key, null));
            }
        }
        return Optional.empty();
    }
}
