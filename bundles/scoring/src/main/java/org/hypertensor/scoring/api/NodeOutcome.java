package org.hypertensor.scoring.api;

import java.math.BigInteger;
import java.util.List;

/**
 * What consensus decided for one node in an epoch. {@code vouches}/{@code omissions}: how many submitters scored
 * or left it out; {@code score}: its filtered average ({@code null} when it has none); {@code judged}: how many
 * nodes it scored or omitted itself, {@code against} of them against consensus; {@code penalties}: added this
 * epoch; {@code forgiven}: a penalty taken away; {@code reasons}: one line per decision, for people.
 */
public record NodeOutcome(
        byte[] account,
        String peerId,
        boolean submittable,
        boolean submitted,
        boolean unconfirmed,
        long vouches,
        long omissions,
        Long score,
        boolean rewardable,
        long judged,
        long against,
        long penalties,
        boolean forgiven,
        boolean removed,
        BigInteger slashed,
        List<String> reasons) {}
