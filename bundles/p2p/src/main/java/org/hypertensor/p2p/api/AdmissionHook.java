package org.hypertensor.p2p.api;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a peer may stay connected, once its identity is proven by the Noise handshake (e.g. a
 * proof-of-stake check). Register as an OSGi service; every registered hook must admit. Until the answer
 * comes, no inbound stream of the peer is served; a refusal closes the connection.
 */
@FunctionalInterface
public interface AdmissionHook {

    CompletionStage<Boolean> admit(PeerId peer, Multiaddr remoteAddress);
}
