package org.hypertensor.staking.api;

import java.math.BigInteger;

/** A node taken out of a subnet: what was slashed into the vault and what moved into unbonding. */
public record Removal(long subnet, byte[] account, String peerId, BigInteger slashed, BigInteger unbonded) {}
