package org.hypertensor.dht.api;

import org.hypertensor.p2p.api.PeerId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Signed envelopes for the node's own request protocols ({@code network.md}): every request and response
 * carries the sender's Ed25519 signature (its peer key), a random nonce and a timestamp. {@link #open}
 * refuses wrong signatures, timestamps more than the window (60 s by default) from our clock, and
 * nonces already seen. An OSGi service.
 */
@ProviderType
public interface SignedRequests {

    /** Wraps {@code payload} for {@code protocol}, signed by this node. */
    byte[] seal(String protocol, byte[] payload);

    /**
     * Checks an envelope that {@code sender} (the stream's authenticated remote peer) sent on
     * {@code protocol} and returns its payload.
     *
     * @throws RequestRefusedException with a one-line reason
     */
    byte[] open(String protocol, PeerId sender, byte[] envelope) throws RequestRefusedException;
}
