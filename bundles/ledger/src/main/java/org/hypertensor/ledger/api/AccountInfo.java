package org.hypertensor.ledger.api;

import java.math.BigInteger;

/** An account at head: balances, the nonce its next block transaction needs, and the next one counting the pool. */
public record AccountInfo(byte[] account, BigInteger free, BigInteger reserved, long stateNonce, long nextNonce) {}
