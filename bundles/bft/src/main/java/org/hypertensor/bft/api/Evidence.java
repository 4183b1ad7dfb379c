package org.hypertensor.bft.api;

import java.util.Arrays;
import java.util.Objects;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * Proof of equivocation: two votes one validator signed at the same height, round and step for different
 * values (a block and another block, or a block and nil). Anyone can check it alone ({@link #verify});
 * it becomes a transaction. Canonical: the vote whose value bytes (32 zero bytes for nil) are smaller
 * comes first, so one equivocation has exactly one encoding. Immutable.
 */
public final class Evidence {

    private final Vote first;
    private final Vote second;

    private Evidence(Vote first, Vote second) {
        this.first = first;
        this.second = second;
    }

    /**
     * The evidence of these two conflicting votes (any order).
     *
     * @throws IllegalArgumentException if they are not one validator's votes at one slot for different values
     */
    public static Evidence of(Vote a, Vote b) {
        if (!a.sameSlot(b) || Objects.equals(a.value(), b.value())) {
            throw new IllegalArgumentException("not conflicting votes: " + a + " and " + b);
        }
        return order(a, b) < 0 ? new Evidence(a, b) : new Evidence(b, a);
    }

    private static int order(Vote a, Vote b) {
        return Arrays.compareUnsigned(BlockHash.orZero(a.value()), BlockHash.orZero(b.value()));
    }

    /** The vote with the smaller value. */
    public Vote first() {
        return first;
    }

    /** The vote with the larger value. */
    public Vote second() {
        return second;
    }

    /** The validator who signed both. */
    public ValidatorKey offender() {
        return first.validator();
    }

    public long height() {
        return first.height();
    }

    /**
     * Checks that both votes are the offender's, signed on chain {@code chainId}, at the same slot, for
     * different values. Whether the offender was a validator at that height is the caller's check.
     *
     * @throws VerificationException saying what is wrong
     */
    public void verify(BlockHash chainId) throws VerificationException {
        if (!first.sameSlot(second)) {
            throw new VerificationException("evidence votes are not of one validator, height, round and step");
        }
        if (order(first, second) >= 0) {
            throw new VerificationException("evidence votes are for the same value or not in canonical order");
        }
        if (!first.verify(chainId) || !second.verify(chainId)) {
            throw new VerificationException("evidence vote signature does not verify for " + offender());
        }
    }

    /** Canonical encoding: the two votes ({@link Vote#encode()} each), smaller value first. */
    public byte[] encode() {
        Encoder encoder = new Encoder(290);
        first.writeTo(encoder);
        second.writeTo(encoder);
        return encoder.toByteArray();
    }

    /**
     * Decodes {@link #encode()}, refusing a non-canonical order (not verified: call {@link #verify}).
     *
     * @throws DecodeException for malformed bytes
     */
    public static Evidence decode(byte[] bytes) {
        Decoder decoder = new Decoder(bytes);
        Vote a = Vote.readFrom(decoder);
        Vote b = Vote.readFrom(decoder);
        decoder.finish();
        if (!a.sameSlot(b) || order(a, b) >= 0) {
            throw new DecodeException("evidence votes do not conflict or are not in canonical order");
        }
        return new Evidence(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence other && first.equals(other.first) && second.equals(other.second);
    }

    @Override
    public int hashCode() {
        return first.hashCode() * 31 + second.hashCode();
    }

    @Override
    public String toString() {
        return "Evidence(" + first + " vs " + second + ")";
    }
}
