package org.hypertensor.dht.internal.routing;

/**
 * A peer as the routing table knows it.
 *
 * @param id its position in the key space
 * @param peer how the transport reaches it (a peer id text, a simulated address)
 */
public record Contact(NodeId id, String peer) {}
