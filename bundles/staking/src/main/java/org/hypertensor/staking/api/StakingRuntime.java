package org.hypertensor.staking.api;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The staking module's typed runtime API, bound to the state of the block being run (obtain it with
 * {@code context.runtime(StakingRuntime.class)}). Lists are in key order (subnet id, then account bytes).
 * The mutating methods are for the consensus and emissions modules' hooks.
 */
@ProviderType
public interface StakingRuntime {

    List<Subnet> subnets();

    Optional<Subnet> subnet(long id);

    /** The subnet's nodes, ordered by account. */
    List<SubnetNode> nodes(long subnet);

    Optional<SubnetNode> node(long subnet, byte[] account);

    Optional<SubnetNode> nodeByPeer(long subnet, String peerId);

    StakeInfo stake(byte[] account);

    ProofOfStake proofOfStake(long subnet, String peerId);

    /** Every unbonding entry, by release block. */
    List<Unbonding> unbondingQueue();

    long penalties(byte[] account);

    void addPenalties(byte[] account, long count);

    /** Takes one penalty away; {@code false} when the account had none. */
    boolean forgivePenalty(byte[] account);

    /** Removes a node: {@code slash} moves {@code SlashBp} of its bonded and unbonding stake to the vault. */
    Removal removeNode(long subnet, byte[] account, boolean slash);

    /** Removes (and slashes) every node of the account, in every subnet. */
    List<Removal> removeAccount(byte[] account);

    void addSubnetError(long subnet);

    void forgiveSubnetError(long subnet);

    /** Pays {@code amount} from the vault into the node's stake, any part above MaxStake to its free balance. */
    Compounded compoundReward(long subnet, byte[] account, BigInteger amount);
}
