package org.hypertensor.p2p.internal.host;

import org.hypertensor.p2p.api.PeerId;

/** Told when a peer is admitted and connected, identified, or gone. */
public interface ConnectionListener {

    default void connected(Connection connection) {}

    default void identified(PeerId peer) {}

    default void disconnected(Connection connection) {}
}
