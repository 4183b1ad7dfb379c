package org.hypertensor.bft.api;

import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;

/** Reading the height and round fields every message starts with, in range. */
final class Wire {

    private Wire() {}

    /** A height: u64 below 2^63. */
    static long height(Decoder decoder) {
        long height = decoder.u64();
        if (height < 0) {
            throw new DecodeException("height out of range");
        }
        return height;
    }

    /** A round: u32 below 2^31. */
    static int round(Decoder decoder) {
        long round = decoder.u32();
        if (round > Integer.MAX_VALUE) {
            throw new DecodeException("round " + round + " out of range");
        }
        return (int) round;
    }
}
