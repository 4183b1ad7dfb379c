package org.hypertensor.inference.net.internal.client;

import org.hypertensor.p2p.api.PeerId;

/** Whether a peer has proof of stake in a subnet (may serve its model). */
@FunctionalInterface
public interface StakeCheck {

    boolean staked(long subnet, PeerId peer);
}
