package org.hypertensor.ledger.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told how long each block took to execute, on the ledger's own thread — return quickly.
 * For monitoring (block import time).
 *
 * @since 1.4
 */
@ConsumerType
public interface BlockTimingListener {

    /** Where the block came from. */
    enum Origin {
        /** Built here from the pool (its transactions executed while building). */
        PRODUCED,
        /** Built elsewhere (a peer's block, or one synced): checked and executed before it is committed. */
        IMPORTED
    }

    /** Block {@code number} was built or checked and executed in {@code took} (committing not included). */
    void executed(long number, Origin origin, Duration took);
}
