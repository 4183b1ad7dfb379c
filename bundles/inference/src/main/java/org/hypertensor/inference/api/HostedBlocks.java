package org.hypertensor.inference.api;

import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Blocks hosted by the node: {@link LoadedBlocks} whose engine may change between two calls. Sessions
 * survive a move: a session's inputs are kept, and it is rebuilt on the new engine from them before its
 * next step, so its outputs do not change (beyond the engines' float tolerance).
 * {@link #engine()} and {@link #device()} say where the blocks are now.
 */
@ProviderType
public interface HostedBlocks extends LoadedBlocks {

    /** How many times the blocks moved to another engine. */
    int moves();

    /** Whether the blocks are loaded on an engine now (false while no engine can run them). */
    boolean isLoaded();

    /** Whether {@link #close()} was called: the blocks are no longer hosted. */
    boolean isClosed();

    /** Tells {@code listener} of every move from now on (until removed). */
    void addMoveListener(MoveListener listener);

    void removeMoveListener(MoveListener listener);
}
