package org.hypertensor.ledger.api;

import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told of every transaction the pool accepts (from the shell, RPC or gossip), on
 * the submitting thread — return quickly.
 */
@ConsumerType
public interface PoolListener {

    void accepted(SignedTransaction transaction);
}
