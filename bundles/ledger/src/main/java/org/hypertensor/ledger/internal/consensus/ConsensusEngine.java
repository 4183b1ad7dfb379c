package org.hypertensor.ledger.internal.consensus;

/**
 * A running engine inside the ledger: decides who authors the next block and when it is final, through
 * the chain's propose / execute / commit operations (what the exported
 * {@link org.hypertensor.ledger.api.consensus.ConsensusChain} SPI offers engines in other bundles).
 */
public interface ConsensusEngine extends AutoCloseable {

    /** Starts taking part in consensus (producing, voting) on its own threads. */
    void start();

    /** One line for the shell: the engine, its role, its progress. */
    String describe();

    @Override
    void close();
}
