package org.hypertensor.staking.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only staking queries over the head state, as an OSGi service: what RPC ({@code network_getSubnets},
 * {@code network_getSubnet}, {@code network_getNodes}, {@code network_getStake}, {@code network_proofOfStake})
 * and shells show.
 */
@ProviderType
public interface StakingQueries {

    /** The head block these answers are read at. */
    long block();

    List<Subnet> subnets();

    Optional<Subnet> subnet(long id);

    /** @throws IllegalArgumentException for an unknown subnet */
    List<SubnetNode> nodes(long subnet);

    StakeInfo stake(byte[] account);

    ProofOfStake proofOfStake(long subnet, String peerId);

    /**
     * The DHT's admission question ({@code network.md}): the proof of the first subnet (by id) in which the peer
     * is a node with stake ≥ MinStake, or empty.
     */
    Optional<ProofOfStake> proofOfStakeInAnySubnet(String peerId);

    /** Every unbonding entry network-wide, by release block. */
    List<Unbonding> unbondingQueue();
}
