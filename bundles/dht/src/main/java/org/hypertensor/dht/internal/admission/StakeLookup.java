package org.hypertensor.dht.internal.admission;

import java.util.Optional;

/** Asks the chain whether a peer id is a staked node: the subnet that lists it, if any. */
@FunctionalInterface
public interface StakeLookup {

    /** The first subnet (by id) where {@code peerId} is a node with stake ≥ MinStake, at the head. */
    Optional<Long> stakedSubnet(String peerId);
}
