package org.hypertensor.staking.api;

import java.math.BigInteger;

/**
 * A node of a subnet: one per account per subnet. {@code includedFrom} / {@code submittableFrom} are the
 * blocks its class changes ({@code eligibleBlock(registeredAt, NodeInclusionEpochs | NodeSubmitEpochs)}).
 */
public record SubnetNode(
        long subnet,
        byte[] account,
        String peerId,
        String multiaddr,
        BigInteger stake,
        long registeredAt,
        long includedFrom,
        long submittableFrom) {

    public NodeClass classAt(long block) {
        if (block >= submittableFrom) {
            return NodeClass.SUBMITTABLE;
        }
        return block >= includedFrom ? NodeClass.INCLUDED : NodeClass.REGISTERED;
    }
}
