package org.hypertensor.metrics.internal.status;

import org.hypertensor.staking.api.StakingQueries;

/** Staking questions; a class of its own, loaded only while the staking bundle runs. */
final class StakeLookup {

    private StakeLookup() {}

    static boolean staked(Object staking, String peerId) {
        try {
            return ((StakingQueries) staking).proofOfStakeInAnySubnet(peerId).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // not a peer id staking can read
        }
    }
}
