package org.hypertensor.bft.api;

import java.util.Arrays;
import java.util.Objects;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * A proposer's signed proposal of a block hash for a height and round, with the round in which that
 * block got a polka ({@code validRound}, −1 for none). The block's bytes travel beside it on the
 * network; the machine sees the hash only. Immutable.
 */
public final class Proposal {

    private final long height;
    private final int round;
    private final BlockHash value;
    private final int validRound;
    private final ValidatorKey proposer;
    private final byte[] signature;

    /**
     * A proposal as received (not verified).
     *
     * @throws IllegalArgumentException for a negative height or round, a valid round below −1, or a
     *     signature that is not 64 bytes
     */
    public Proposal(long height, int round, BlockHash value, int validRound, ValidatorKey proposer, byte[] signature) {
        if (height < 0 || round < 0 || validRound < -1) {
            throw new IllegalArgumentException("negative height or round");
        }
        this.height = height;
        this.round = round;
        this.value = Objects.requireNonNull(value, "value");
        this.validRound = validRound;
        this.proposer = Objects.requireNonNull(proposer, "proposer");
        this.signature = Signatures.copyChecked(signature);
    }

    /** Signs a proposal with {@code signer} (the proposer's key). */
    public static Proposal sign(
            Signer signer, BlockHash chainId, long height, int round, BlockHash value, int validRound) {
        byte[] signature = signer.sign(SigningBytes.proposal(chainId, height, round, value, validRound));
        return new Proposal(height, round, value, validRound, ValidatorKey.of(signer.publicKey()), signature);
    }

    public long height() {
        return height;
    }

    public int round() {
        return round;
    }

    public BlockHash value() {
        return value;
    }

    /** The round of the polka for this value the proposer saw, −1 for none. */
    public int validRound() {
        return validRound;
    }

    public ValidatorKey proposer() {
        return proposer;
    }

    /** The 64-byte signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether the signature is the proposer's over this proposal on chain {@code chainId}. */
    public boolean verify(BlockHash chainId) {
        return proposer.verifies(SigningBytes.proposal(chainId, height, round, value, validRound), signature);
    }

    /** Canonical encoding: {@code height u64, round u32, hash 32, option(validRound u32), key 32, signature 64}. */
    public byte[] encode() {
        Encoder encoder = new Encoder(150);
        encoder.u64(height).u32(round).fixed(value.bytes());
        encoder.option(validRound < 0 ? null : (long) validRound, Encoder::u32);
        encoder.fixed(proposer.bytes()).fixed(signature);
        return encoder.toByteArray();
    }

    /**
     * Decodes {@link #encode()}.
     *
     * @throws DecodeException for malformed bytes
     */
    public static Proposal decode(byte[] bytes) {
        Decoder decoder = new Decoder(bytes);
        long height = Wire.height(decoder);
        int round = Wire.round(decoder);
        BlockHash value = BlockHash.of(decoder.fixed(BlockHash.LENGTH));
        Integer validRound = decoder.option(Wire::round);
        byte[] key = decoder.fixed(Ed25519.PUBLIC_KEY_LENGTH);
        byte[] signature = decoder.fixed(Ed25519.SIGNATURE_LENGTH);
        decoder.finish();
        return new Proposal(
                height, round, value, validRound == null ? -1 : validRound, ValidatorKey.of(key), signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proposal other
                && height == other.height
                && round == other.round
                && validRound == other.validRound
                && value.equals(other.value)
                && proposer.equals(other.proposer)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "PROPOSAL(h=" + height + ", r=" + round + ", " + value + ", vr=" + validRound + ", by " + proposer + ")";
    }
}
