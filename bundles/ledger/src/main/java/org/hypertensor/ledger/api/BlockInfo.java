package org.hypertensor.ledger.api;

import java.util.List;

/** A block's header fields and the hashes of its transactions. */
public record BlockInfo(
        long number,
        byte[] hash,
        byte[] parentHash,
        long timestamp,
        byte[] stateRoot,
        byte[] transactionsRoot,
        byte[] author,
        List<byte[]> transactions,
        boolean finalized) {}
