package org.hypertensor.p2p.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Gossip messages this node handled since it started, as an OSGi service of the p2p bundle (for monitoring).
 * Each message counts once, however many peers it came from or went to.
 *
 * @since 1.4
 */
@ProviderType
public interface GossipCounters {

    /** New messages from peers that passed validation and went to this node's subscribers. */
    long received();

    /** Messages this node sent: its own publications and the messages it forwarded to its mesh. */
    long sent();

    /** Messages from peers refused: over the size limit, badly signed, or rejected by the topic's validator. */
    long refused();
}
