package org.hypertensor.p2p.api;

/**
 * Serves one or more protocol ids on inbound streams. Register it as an OSGi service with the property
 * {@value #PROTOCOL} (one or more protocol ids, e.g. {@code /hypertensor/kad/1.0.0}); the node then
 * answers those ids in multistream-select and advertises them in identify.
 */
@FunctionalInterface
public interface ProtocolHandler {

    /** Service property: the protocol ids this handler serves (String or String[]). */
    String PROTOCOL = "hypertensor.p2p.protocol";

    /**
     * Called on a worker thread (not an I/O thread) for each inbound stream of a protocol of this handler;
     * may block. The handler owns the stream and must close or reset it.
     */
    void handle(P2pStream stream) throws Exception;
}
