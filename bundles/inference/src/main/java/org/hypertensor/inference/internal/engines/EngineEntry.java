package org.hypertensor.inference.internal.engines;

import java.util.Map;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;

/** A registered engine with the properties it was registered with. */
public record EngineEntry(InferenceEngine engine, String name, String device, int priority, long serviceId) {

    static EngineEntry of(InferenceEngine engine, Map<String, ?> props) {
        Object name = props.get(EngineProperties.NAME);
        Object device = props.get(EngineProperties.DEVICE);
        Object priority = props.get(EngineProperties.PRIORITY);
        Object id = props.get("service.id");
        return new EngineEntry(
                engine,
                name == null ? engine.name() : String.valueOf(name),
                device == null ? engine.device() : String.valueOf(device),
                parse(priority),
                id instanceof Long l ? l : -1);
    }

    private static int parse(Object priority) {
        if (priority instanceof Number n) {
            return n.intValue();
        }
        try {
            return priority == null
                    ? 0
                    : Integer.parseInt(String.valueOf(priority).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
