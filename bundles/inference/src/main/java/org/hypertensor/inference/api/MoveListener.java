package org.hypertensor.inference.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when hosted blocks start and end a move to another engine (an engine came, went or was preferred),
 * on the thread that changed the engines: a server announces itself OFFLINE for the time of the move.
 */
@ConsumerType
public interface MoveListener {

    /** The blocks are about to load on another engine (or to be unloaded); steps wait until {@link #moved}. */
    void moving(HostedBlocks blocks);

    /** The move is over: the blocks run on their new engine, on their old one if it failed, or on none. */
    void moved(HostedBlocks blocks);
}
