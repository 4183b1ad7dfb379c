package org.hypertensor.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginPropertiesTest {

    private static PluginDescriptor plugin(String id, Map<String, String> capabilities) {
        return new PluginDescriptor() {
            public String id() {
                return id;
            }

            public String name() {
                return "Test";
            }

            public String kind() {
                return PluginKind.ENGINE;
            }

            public String vendor() {
                return "Us";
            }

            public String description() {
                return "A test plugin.";
            }

            public Map<String, String> capabilities() {
                return capabilities;
            }
        };
    }

    @Test
    void capabilitiesBecomePrefixedServiceProperties() {
        var props = PluginProperties.of(plugin("org.test", Map.of("engine.device", "gpu")));
        assertEquals("org.test", props.get(PluginProperties.PLUGIN_ID));
        assertEquals("engine", props.get(PluginProperties.PLUGIN_KIND));
        assertEquals(PluginProperties.API_VERSION, props.get(PluginProperties.PLUGIN_API_VERSION));
        assertEquals("gpu", props.get("hypertensor.capability.engine.device"));
        assertEquals(4, props.size());
    }

    @Test
    void aDescriptorWithoutIdIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PluginProperties.of(plugin(" ", Map.of())));
        assertEquals("plugin descriptor has no id", e.getMessage());
    }
}
