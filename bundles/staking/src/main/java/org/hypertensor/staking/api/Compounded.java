package org.hypertensor.staking.api;

import java.math.BigInteger;

/** A reward paid from the vault: the part added to the node's stake and the part above MaxStake paid free. */
public record Compounded(BigInteger toStake, BigInteger toFree) {}
