package org.hypertensor.bft.api;

import java.util.Arrays;
import java.util.Objects;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * A signed prevote or precommit for a block hash or nil ({@code value == null}). Immutable. The
 * signature covers {@link SigningBytes#vote}; {@link #verify} checks it for a chain.
 */
public final class Vote {

    private final Step type;
    private final long height;
    private final int round;
    private final BlockHash value;
    private final ValidatorKey validator;
    private final byte[] signature;

    /**
     * A vote as received (not verified).
     *
     * @throws IllegalArgumentException for a proposal step, a negative height or round, or a signature
     *     that is not 64 bytes
     */
    public Vote(Step type, long height, int round, BlockHash value, ValidatorKey validator, byte[] signature) {
        if (type == Step.PROPOSE) {
            throw new IllegalArgumentException("a vote is a prevote or a precommit");
        }
        if (height < 0 || round < 0) {
            throw new IllegalArgumentException("negative height or round");
        }
        this.type = Objects.requireNonNull(type, "type");
        this.height = height;
        this.round = round;
        this.value = value;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.signature = Signatures.copyChecked(signature);
    }

    /** Signs a vote with {@code signer} (the validator's key). */
    public static Vote sign(Signer signer, BlockHash chainId, Step type, long height, int round, BlockHash value) {
        byte[] signature = signer.sign(SigningBytes.vote(chainId, type, height, round, value));
        return new Vote(type, height, round, value, ValidatorKey.of(signer.publicKey()), signature);
    }

    public Step type() {
        return type;
    }

    public long height() {
        return height;
    }

    public int round() {
        return round;
    }

    /** The block voted for, or {@code null} for nil. */
    public BlockHash value() {
        return value;
    }

    public ValidatorKey validator() {
        return validator;
    }

    /** The 64-byte signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether the signature is the validator's over this vote on chain {@code chainId}. */
    public boolean verify(BlockHash chainId) {
        return validator.verifies(SigningBytes.vote(chainId, type, height, round, value), signature);
    }

    /** Whether this and {@code other} are the same validator's votes at one height, round and step. */
    public boolean sameSlot(Vote other) {
        return type == other.type
                && height == other.height
                && round == other.round
                && validator.equals(other.validator);
    }

    /** Canonical encoding: {@code type u8, height u64, round u32, option(hash 32), key 32, signature 64}. */
    public byte[] encode() {
        Encoder encoder = new Encoder(144);
        writeTo(encoder);
        return encoder.toByteArray();
    }

    /** Writes the canonical encoding into {@code encoder} (for enclosing structures). */
    public void writeTo(Encoder encoder) {
        encoder.u8(type.code()).u64(height).u32(round);
        encoder.option(value, (e, v) -> e.fixed(v.bytes()));
        encoder.fixed(validator.bytes()).fixed(signature);
    }

    /**
     * Decodes {@link #encode()}.
     *
     * @throws DecodeException for malformed bytes
     */
    public static Vote decode(byte[] bytes) {
        Decoder decoder = new Decoder(bytes);
        Vote vote = readFrom(decoder);
        decoder.finish();
        return vote;
    }

    /** Reads one vote from {@code decoder}. */
    public static Vote readFrom(Decoder decoder) {
        int code = decoder.u8();
        long height = Wire.height(decoder);
        int round = Wire.round(decoder);
        BlockHash value = decoder.option(d -> BlockHash.of(d.fixed(BlockHash.LENGTH)));
        byte[] key = decoder.fixed(Ed25519.PUBLIC_KEY_LENGTH);
        byte[] signature = decoder.fixed(Ed25519.SIGNATURE_LENGTH);
        if (code != Step.PREVOTE.code() && code != Step.PRECOMMIT.code()) {
            throw new DecodeException("vote type " + code + " is neither prevote nor precommit");
        }
        return new Vote(Step.ofCode(code), height, round, value, ValidatorKey.of(key), signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vote other
                && sameSlot(other)
                && Objects.equals(value, other.value)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return type + "(h=" + height + ", r=" + round + ", " + (value == null ? "nil" : value) + ", by " + validator
                + ")";
    }
}
