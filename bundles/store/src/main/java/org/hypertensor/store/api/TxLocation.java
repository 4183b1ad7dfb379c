package org.hypertensor.store.api;

/** Where a committed transaction is: its block and its position in the block's transaction list. */
public record TxLocation(long blockNumber, byte[] blockHash, int index) {}
