package org.hypertensor.inference.internal.engines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.inference.internal.InferenceConfig;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines registered on the node, best first: the operator's preferred engine, then by priority
 * (ties by name). Listeners hear of every change, outside the registry's lock, in the thread that
 * registered or unregistered the engine — so blocks leave an engine before its service is gone.
 */
@Component(
        service = EngineRegistry.class,
        immediate = true,
        configurationPid = "org.hypertensor.inference",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EngineRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);

    /** Told when the set of engines or the preference changed. */
    public interface Listener {
        void enginesChanged();
    }

    private final List<EngineEntry> engines = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile String preferred = "";

    /** The configured preference ({@code engine.preferred}); {@code engine:prefer} changes it until the next change. */
    @Activate
    @Modified
    void configure(InferenceConfig config) {
        String name = config.engine_preferred().trim();
        if (!name.equals(preferred)) {
            preferred = name;
            fire();
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addEngine(InferenceEngine engine, Map<String, Object> properties) {
        EngineEntry entry = EngineEntry.of(engine, properties);
        synchronized (engines) {
            engines.add(entry);
        }
        LOG.info("Engine {} available ({}, priority {})", entry.name(), entry.device(), entry.priority());
        fire();
    }

    public void removeEngine(InferenceEngine engine) {
        boolean removed;
        synchronized (engines) {
            removed = engines.removeIf(e -> e.engine() == engine);
        }
        if (removed) {
            LOG.info("Engine {} gone", engine.name());
            fire();
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** All engines, best first. */
    public List<EngineEntry> engines() {
        String pref = preferred;
        synchronized (engines) {
            List<EngineEntry> sorted = new ArrayList<>(engines);
            sorted.sort(Comparator.comparing((EngineEntry e) -> !e.name().equals(pref))
                    .thenComparing(
                            Comparator.comparingInt(EngineEntry::priority).reversed())
                    .thenComparing(EngineEntry::name));
            return sorted;
        }
    }

    /** The best engine that can run this model. */
    public Optional<EngineEntry> best(ModelManifest manifest) {
        return engines().stream().filter(e -> supports(e, manifest)).findFirst();
    }

    /** The engines that can run this model, best first. */
    public List<EngineEntry> candidates(ModelManifest manifest) {
        return engines().stream().filter(e -> supports(e, manifest)).toList();
    }

    private static boolean supports(EngineEntry e, ModelManifest manifest) {
        try {
            return e.engine().supports(manifest);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    public String preferred() {
        return preferred;
    }

    /** Prefers the engine {@code name} over the priorities; "" goes back to priorities. */
    public void prefer(String name) {
        if (!name.isEmpty() && engines().stream().noneMatch(e -> e.name().equals(name))) {
            throw new EngineException("no engine named '" + name + "' (available: "
                    + String.join(
                            ", ",
                            engines().stream().map(EngineEntry::name).sorted().toList()) + ")");
        }
        preferred = name;
        LOG.info(name.isEmpty() ? "No engine preferred: hosting by priority" : "Engine {} preferred", name);
        fire();
    }

    private void fire() {
        for (Listener l : listeners) {
            try {
                l.enginesChanged();
            } catch (RuntimeException e) {
                LOG.warn("Engine change listener failed: {}", e.toString());
            }
        }
    }
}
