package org.hypertensor.emissions.api;

import java.math.BigInteger;

/** A node's reward: {@code stake} (capped at MaxStake) and {@code score} it was paid on; where the reward went. */
public record NodeReward(
        byte[] account,
        String peerId,
        BigInteger stake,
        long score,
        BigInteger reward,
        BigInteger toStake,
        BigInteger toFree) {}
