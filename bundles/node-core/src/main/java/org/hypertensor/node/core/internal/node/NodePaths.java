package org.hypertensor.node.core.internal.node;

import java.nio.file.Path;
import java.time.Instant;
import org.osgi.framework.BundleContext;

/**
 * The launch facts the launcher passes as framework properties: home, distribution, network,
 * version and launch time. Outside the launcher (in tests) they fall back to the working directory.
 */
record NodePaths(Path home, Path distribution, String network, String version, Instant startedAt) {

    static NodePaths from(BundleContext context) {
        Path home = Path.of(property(context, "hypertensor.home", "."))
                .toAbsolutePath()
                .normalize();
        Path dist = Path.of(property(context, "hypertensor.dist", home.toString()))
                .toAbsolutePath()
                .normalize();
        String network = property(context, "hypertensor.network", "devnet");
        String version = property(
                context, "hypertensor.version", context.getBundle().getVersion().toString());
        String launched = context.getProperty("hypertensor.launched.millis");
        Instant startedAt = launched == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(launched));
        return new NodePaths(home, dist, network, version, startedAt);
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
