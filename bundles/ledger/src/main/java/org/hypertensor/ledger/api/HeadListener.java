package org.hypertensor.ledger.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told of every new head and every newly finalized block, on the ledger's own
 * thread — return quickly.
 */
@ConsumerType
public interface HeadListener {

    void newHead(BlockInfo block);

    default void finalized(BlockInfo block) {}
}
