package org.hypertensor.chain.network.api;

/**
 * Sync progress: the finalized height this sync began at, ours now, the highest a peer reported, the
 * recent import rate and the estimated seconds left (0 when not syncing), and blocks refused so far.
 */
public record SyncState(
        boolean syncing,
        long startingBlock,
        long currentBlock,
        long highestBlock,
        long blocksPerSecond,
        long etaSeconds,
        int peers,
        long importedBlocks,
        long bannedPeers) {}
