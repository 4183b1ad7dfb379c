package org.hypertensor.staking.api;

import java.math.BigInteger;
import java.util.List;

/** An account's stake: its nodes, what is unbonding, its penalty count (network-wide). */
public record StakeInfo(
        byte[] account,
        List<SubnetNode> nodes,
        List<Unbonding> unbonding,
        long penalties,
        BigInteger bonded,
        BigInteger unbondingTotal) {}
