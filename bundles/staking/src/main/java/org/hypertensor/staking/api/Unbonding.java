package org.hypertensor.staking.api;

import java.math.BigInteger;

/** Stake leaving a subnet: locked (and slashable) until {@code releaseAt}, then freed to the account. */
public record Unbonding(byte[] account, long subnet, BigInteger amount, long releaseAt) {}
