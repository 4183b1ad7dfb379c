package org.hypertensor.ledger.internal.consensus;

/**
 * Decides who authors the next block and when it is final. The single-authority engine is the devnet's;
 * the multi-validator BFT engine (Tendermint-style rounds) will implement the same interface.
 */
public interface ConsensusEngine extends AutoCloseable {

    /** Starts taking part in consensus (producing, voting) on its own threads. */
    void start();

    /** One line for the shell: the engine, its role, its progress. */
    String describe();

    @Override
    void close();
}
