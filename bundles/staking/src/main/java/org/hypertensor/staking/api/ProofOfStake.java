package org.hypertensor.staking.api;

import java.math.BigInteger;

/**
 * Whether a peer id belongs to a node of the subnet at least <i>registered</i> with stake ≥ MinStake (the
 * DHT's admission rule, {@code network.md}); {@code account}, {@code stake} and {@code nodeClass} are
 * {@code null} when there is no such node.
 */
public record ProofOfStake(
        long subnet,
        String peerId,
        boolean staked,
        byte[] account,
        BigInteger stake,
        NodeClass nodeClass,
        long block) {}
