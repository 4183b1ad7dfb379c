package org.hypertensor.node.core.api;

import java.nio.file.Path;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Where and what this node is; bundles use it to find their data directory. */
@ProviderType
public interface NodeInfo {

    /** The node software version. */
    String version();

    /** The operator's name for this node ({@code name} in {@code org.hypertensor.node.cfg}). */
    String name();

    /** The network the node was started for, e.g. {@code devnet}. */
    String network();

    /** The node's home: {@code etc/}, {@code deploy/} and {@code data/} live here. */
    Path home();

    /** Where bundles keep state ({@code home/data}); each bundle uses its own sub-directory. */
    Path dataDir();

    /** The installed distribution (bin, boot, bundle, system, features). */
    Path distribution();

    /** When the framework was launched. */
    Instant startedAt();
}
