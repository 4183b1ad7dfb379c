package org.hypertensor.scoring.internal.epoch;

import java.util.List;

/**
 * What consensus reads for one subnet's epoch. {@code members}: the subnet's nodes at the consensus block,
 * ordered by account; {@code streak}: its consecutive good epochs so far. {@code submissions}: each recorded
 * submission, its judgements naming members by index ({@code score} 0 = omitted).
 */
public record EpochInput(List<Member> members, List<Sub> submissions, long consecutiveUnconfirmed) {

    public record Member(byte[] account, String peerId, boolean submittable, long streak) {}

    public record Sub(int member, boolean submitted, boolean unconfirmed, int[] nodes, long[] scores) {}
}
