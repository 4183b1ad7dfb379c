package org.hypertensor.plugin.api;

import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Service property names through which a plugin advertises itself. Capability properties are the
 * entries of {@link PluginDescriptor#capabilities()} prefixed with {@link #CAPABILITY_PREFIX}, so a
 * consumer can select plugins with an LDAP filter such as {@code (hypertensor.capability.engine.device=gpu)}.
 */
public final class PluginProperties {

    /** The plugin's {@link PluginDescriptor#id()}. */
    public static final String PLUGIN_ID = "hypertensor.plugin.id";

    /** The plugin's {@link PluginDescriptor#kind()}. */
    public static final String PLUGIN_KIND = "hypertensor.plugin.kind";

    /** The plugin API version the plugin was compiled against, e.g. {@code 1.0.0}. */
    public static final String PLUGIN_API_VERSION = "hypertensor.plugin.api.version";

    /** Prefix of every capability property. */
    public static final String CAPABILITY_PREFIX = "hypertensor.capability.";

    /** The version of this API, for {@link #PLUGIN_API_VERSION}. */
    public static final String API_VERSION = "1.0.0";

    private PluginProperties() {}

    /**
     * The service properties to register a descriptor with: identity, kind, API version and one
     * property per capability, in key order.
     */
    public static Hashtable<String, Object> of(PluginDescriptor descriptor) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PLUGIN_ID, requireText(descriptor.id(), "id"));
        props.put(PLUGIN_KIND, requireText(descriptor.kind(), "kind"));
        props.put(PLUGIN_API_VERSION, API_VERSION);
        for (Map.Entry<String, String> e : new TreeMap<>(descriptor.capabilities()).entrySet()) {
            props.put(CAPABILITY_PREFIX + requireText(e.getKey(), "capability key"), e.getValue());
        }
        return props;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("plugin descriptor has no " + what);
        }
        return value;
    }
}
