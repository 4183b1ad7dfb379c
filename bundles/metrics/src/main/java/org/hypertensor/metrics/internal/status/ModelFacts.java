package org.hypertensor.metrics.internal.status;

import java.util.Map;
import java.util.Optional;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.plugin.api.engine.ModelManifest;

/**
 * A model's name and number of transformer blocks, found among this node's models by its id (the subnet
 * records only the id). A class of its own, loaded only while the model bundle runs.
 */
record ModelFacts(String name, int blocks) {

    /** Looks {@code id} up in the repository; remembers what it found in {@code known} (ids never change). */
    static Optional<ModelFacts> find(Object repository, String id, Map<String, ModelFacts> known) {
        ModelFacts cached = known.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        ModelRepository models = (ModelRepository) repository;
        for (String name : models.names()) {
            try {
                ModelManifest m = models.manifest(name);
                if (m.id().equals(id)) {
                    ModelFacts facts = new ModelFacts(m.name(), m.config().numLayers());
                    known.put(id, facts);
                    return Optional.of(facts);
                }
            } catch (ModelFormatException e) {
                // a half-written or foreign directory: not this model
            }
        }
        return Optional.empty();
    }
}
