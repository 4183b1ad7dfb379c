package org.hypertensor.ledger.internal.exec;

/** What every module sees of the block being executed. */
public record BlockEnv(long number, long timestamp, byte[] author, boolean devChain) {}
