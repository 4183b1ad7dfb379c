package org.hypertensor.emissions.api;

import java.math.BigInteger;
import java.util.List;

/** A subnet's share: rewardable {@code stake}, EDA {@code weightBp}, {@code pot} = vault × weight, what was paid. */
public record SubnetPayout(
        long subnet, BigInteger stake, long weightBp, BigInteger pot, BigInteger paid, List<NodeReward> nodes) {}
