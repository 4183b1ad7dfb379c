package org.hypertensor.inference.net.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What this node's block server is doing, as an OSGi service of the {@code inference-net} bundle (for
 * monitoring). Figures cover the server hosting the configured range and any range it moved away from that
 * still finishes its sessions; all zero while it hosts nothing.
 *
 * @since 1.2
 */
@ProviderType
public interface ServerActivity {

    /** Inference sessions open now. */
    int openSessions();

    /**
     * Token positions (all rows of a batch) that session steps carried through this server's blocks since its
     * blocks were loaded; a rate of it is the server's tokens per second. Starts again at 0 when it loads other blocks.
     */
    long stepTokens();

    /** Bytes of attention cache the open sessions reserve. */
    long cacheUsedBytes();

    /** Bytes of attention cache all sessions together may reserve ({@code cache.bytes}). */
    long cacheBudgetBytes();
}
