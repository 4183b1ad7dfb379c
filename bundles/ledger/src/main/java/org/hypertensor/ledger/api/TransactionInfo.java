package org.hypertensor.ledger.api;

import org.hypertensor.ledger.api.tx.SignedTransaction;

/** An included transaction: where it is and what it did. */
public record TransactionInfo(
        byte[] hash, long blockNumber, byte[] blockHash, int index, SignedTransaction transaction, Receipt receipt) {}
