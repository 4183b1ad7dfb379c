package org.hypertensor.store.api;

import java.util.List;

/**
 * A block as the store keeps it. The store does not parse {@code header}, {@code body} or {@code receipts}.
 * {@code hash} and every transaction hash are 32 bytes; {@code parentHash} at most 64 bytes. Records returned by
 * the store may share their arrays with its cache: read them, do not modify them. A block below
 * {@link ChainStore#bodiesFrom()} is returned as its header only: empty {@code body}, {@code txHashes} and
 * {@code receipts} (its body was pruned).
 */
public record BlockRecord(
        long number,
        byte[] hash,
        byte[] parentHash,
        byte[] header,
        byte[] body,
        List<byte[]> txHashes,
        byte[] receipts) {}
