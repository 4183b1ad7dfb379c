package org.hypertensor.staking.api;

/** Epoch arithmetic shared by the chain modules ({@code staking-and-consensus.md}, epoch timeline). */
public final class Epochs {

    private Epochs() {}

    /** The first block of the epoch {@code epochs} epochs after the one containing {@code start}. */
    public static long eligibleBlock(long start, long epochs, long epochLength) {
        return start - Math.floorMod(start, epochLength) + epochLength * epochs;
    }

    /** The epoch containing {@code block}. */
    public static long epochOf(long block, long epochLength) {
        return block / epochLength;
    }

    /** {@code block mod EpochLength}. */
    public static long offset(long block, long epochLength) {
        return Math.floorMod(block, epochLength);
    }

    /** The last {@code r} of the exit window ({@code 2 ≤ r ≤ EpochLength × ExitWindowBp / 10000}). */
    public static long exitWindowEnd(long epochLength, long exitWindowBp) {
        return epochLength * exitWindowBp / 10_000;
    }

    public static boolean inExitWindow(long block, long epochLength, long exitWindowBp) {
        long r = offset(block, epochLength);
        return r >= 2 && r <= exitWindowEnd(epochLength, exitWindowBp);
    }

    /** Every {@code r ≥ 2} outside the exit window. */
    public static boolean inSubmissionWindow(long block, long epochLength, long exitWindowBp) {
        long r = offset(block, epochLength);
        return r >= 2 && r > exitWindowEnd(epochLength, exitWindowBp);
    }
}
