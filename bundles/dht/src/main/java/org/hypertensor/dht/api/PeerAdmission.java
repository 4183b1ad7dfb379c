package org.hypertensor.dht.api;

import org.hypertensor.p2p.api.PeerId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Proof-of-stake admission ({@code network.md}): a peer is admitted to the routing table and to the
 * node's own protocols only while the chain lists its peer id as a node of some subnet with stake ≥
 * MinStake. Answers are cached for the epoch and re-checked at each new one. An OSGi service; bundles
 * serving their own protocols ask it before serving a request.
 */
@ProviderType
public interface PeerAdmission {

    /** The answer for {@code peer} in the current epoch (asks the chain on a cache miss). */
    Admission check(PeerId peer);

    /**
     * @param admitted whether the peer may be served
     * @param reason one line: why not, or which subnet admits it
     * @param epoch the epoch the answer is for (-1 when no chain is known)
     */
    record Admission(boolean admitted, String reason, long epoch) {}
}
