package org.hypertensor.bft.api;

/**
 * Runs a {@link ConsensusMachine} on one {@link EventLoop}: inputs from any thread are queued to the
 * loop, effects are performed there in order (guard record before every signed message, then the
 * network; timeouts on the loop's clock; decisions and evidence to the {@link DecisionSink}). If the
 * {@link SignGuard} cannot persist, the driver halts signing: it releases no further signed message
 * (safety before liveness) and says so in the log.
 */
public interface ConsensusDriver {

    /** Starts {@code height} with its validator set (see {@link ConsensusMachine#start}). */
    void start(long height, ValidatorSet validators);

    /** A proposal arrived from the network. */
    void proposalReceived(Proposal proposal);

    /** A vote arrived from the network. */
    void voteReceived(Vote vote);

    /** The machine's state after the last event it handled. */
    MachineStatus status();

    /** Whether a guard failure stopped signing. */
    boolean halted();
}
