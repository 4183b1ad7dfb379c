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
     * Service property (Integer, optional): how many streams of this handler's protocols are handled at
     * once, on threads of their own (default: the node's {@code handler.threads}); 0 = the handler never
     * blocks and runs on the connection's I/O thread. Streams beyond the pool and a short queue are reset,
     * so one protocol's waiting handlers never delay another protocol.
     *
     * @since 1.2
     */
    String THREADS = "hypertensor.p2p.threads";

    /**
     * Called on a thread of this protocol's own pool (not an I/O thread, unless {@link #THREADS} is 0) for
     * each inbound stream of a protocol of this handler; may block (then only this protocol waits). The handler owns the stream and must close or reset it.
     */
    void handle(P2pStream stream) throws Exception;
}
