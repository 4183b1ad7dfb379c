package org.hypertensor.plugin.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service by every plugin bundle so the node can list what is installed
 * ({@code node:plugins}) and match plugins to the work it needs done.
 *
 * <p>Register it with the service properties from {@link PluginProperties}: the node reads the
 * identifying values from the properties, so they can be filtered on without getting the service.
 */
@ConsumerType
public interface PluginDescriptor {

    /** Stable identifier, reverse-DNS style, e.g. {@code org.example.hello}. */
    String id();

    /** Human-readable name shown in listings. */
    String name();

    /** One of {@link PluginKind}'s values; plugins of kinds unknown to this node are listed but not used. */
    String kind();

    /** Who ships the plugin (a subnet team, a company, a person). */
    String vendor();

    /** One sentence on what the plugin does. */
    String description();

    /**
     * What the plugin can do, as simple key/value pairs (e.g. {@code engine.device=gpu}). Keys are
     * namespaced by the kind; values are strings so they fit in service properties.
     */
    Map<String, String> capabilities();
}
