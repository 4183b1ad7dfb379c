package org.hypertensor.ledger.api;

import java.math.BigInteger;

/** A pooled transaction, as {@code ledger:pool} and RPC show it. */
public record PoolEntry(byte[] hash, byte[] sender, long nonce, BigInteger tip, String call, int length) {}
