package org.hypertensor.bft.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * The proof that a block is final: the precommits for it at one height and round from validators with
 * more than 2/3 of the voting power, signers in increasing key order. The next block's header carries
 * it ({@link #encode()}); a syncing node checks it with {@link #verify} against the validator set of
 * that height. Immutable.
 */
public final class Certificate {

    /** Bound of the number of signatures (the largest validator set). */
    public static final int MAX_SIGNATURES = ValidatorSet.MAX_VALIDATORS;

    private final long height;
    private final int round;
    private final BlockHash value;
    private final List<CommitSignature> signatures;

    /** One validator's precommit signature in a certificate. */
    public record CommitSignature(ValidatorKey validator, byte[] signature) {
        public CommitSignature {
            Objects.requireNonNull(validator, "validator");
            signature = Signatures.copyChecked(signature);
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CommitSignature other
                    && validator.equals(other.validator)
                    && Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return validator.hashCode() * 31 + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "CommitSignature[" + validator + "]";
        }
    }

    /** A certificate as given or received, not verified: {@link #verify} checks everything. */
    public Certificate(long height, int round, BlockHash value, List<CommitSignature> signatures) {
        if (height < 0 || round < 0) {
            throw new IllegalArgumentException("negative height or round");
        }
        this.height = height;
        this.round = round;
        this.value = Objects.requireNonNull(value, "value");
        this.signatures = List.copyOf(signatures);
    }

    /**
     * The certificate of these precommits (all for one height, round and block; sorted here by signer).
     *
     * @throws IllegalArgumentException for an empty list, mixed slots or a nil or prevote vote
     */
    public static Certificate of(List<Vote> precommits) {
        if (precommits.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs precommits");
        }
        Vote first = precommits.get(0);
        List<Vote> sorted = new ArrayList<>(precommits);
        sorted.sort(Comparator.comparing(Vote::validator));
        List<CommitSignature> signatures = new ArrayList<>(sorted.size());
        for (Vote vote : sorted) {
            if (vote.type() != Step.PRECOMMIT
                    || vote.height() != first.height()
                    || vote.round() != first.round()
                    || vote.value() == null
                    || !vote.value().equals(first.value())) {
                throw new IllegalArgumentException("not a precommit for the same block, height and round: " + vote);
            }
            signatures.add(new CommitSignature(vote.validator(), vote.signature()));
        }
        return new Certificate(first.height(), first.round(), first.value(), signatures);
    }

    public long height() {
        return height;
    }

    public int round() {
        return round;
    }

    /** The final block's hash. */
    public BlockHash value() {
        return value;
    }

    /** The signatures, in the order given (increasing keys in a valid certificate). */
    public List<CommitSignature> signatures() {
        return signatures;
    }

    /** The precommit votes the signatures stand for. */
    public List<Vote> precommits() {
        List<Vote> out = new ArrayList<>(signatures.size());
        for (CommitSignature s : signatures) {
            out.add(new Vote(Step.PRECOMMIT, height, round, value, s.validator(), s.signature()));
        }
        return out;
    }

    /**
     * Checks that every signer is a validator of {@code validators}, appears once in increasing key order,
     * signed this precommit on chain {@code chainId}, and that the signers hold more than 2/3 of the power.
     *
     * @throws VerificationException saying what is wrong
     */
    public void verify(ValidatorSet validators, BlockHash chainId) throws VerificationException {
        long power = 0;
        ValidatorKey previous = null;
        for (CommitSignature s : signatures) {
            if (previous != null && s.validator().compareTo(previous) <= 0) {
                throw new VerificationException("certificate of height " + height
                        + ": signers not in strictly increasing order (duplicate " + s.validator() + "?)");
            }
            previous = s.validator();
            int index = validators.indexOf(s.validator());
            if (index < 0) {
                throw new VerificationException(
                        "certificate of height " + height + ": " + s.validator() + " is not a validator");
            }
            byte[] message = SigningBytes.vote(chainId, Step.PRECOMMIT, height, round, value);
            if (!s.validator().verifies(message, s.signature)) {
                throw new VerificationException(
                        "certificate of height " + height + ": bad signature of " + s.validator());
            }
            power += validators.power(index);
        }
        if (!validators.isQuorum(power)) {
            throw new VerificationException("certificate of height " + height + ": signers hold " + power + " of "
                    + validators.totalPower() + " voting power, not more than 2/3");
        }
    }

    /**
     * {@link #verify} plus: it is for block {@code expectedValue} at height {@code expectedHeight}.
     *
     * @throws VerificationException saying what is wrong
     */
    public void verifyFor(ValidatorSet validators, BlockHash chainId, long expectedHeight, BlockHash expectedValue)
            throws VerificationException {
        if (height != expectedHeight) {
            throw new VerificationException(
                    "certificate is for height " + height + ", expected height " + expectedHeight);
        }
        if (!value.equals(expectedValue)) {
            throw new VerificationException(
                    "certificate of height " + height + " is for block " + value + ", not " + expectedValue);
        }
        verify(validators, chainId);
    }

    /**
     * Canonical encoding: {@code height u64, round u32, hash 32, u32 count, then per signer (key 32,
     * signature 64)}.
     */
    public byte[] encode() {
        Encoder encoder = new Encoder(48 + signatures.size() * 96);
        encoder.u64(height).u32(round).fixed(value.bytes());
        encoder.list(signatures, (e, s) -> e.fixed(s.validator().bytes()).fixed(s.signature));
        return encoder.toByteArray();
    }

    /**
     * Decodes {@link #encode()} (no verification: call {@link #verify}).
     *
     * @throws DecodeException for malformed bytes
     */
    public static Certificate decode(byte[] bytes) {
        Decoder decoder = new Decoder(bytes);
        long height = Wire.height(decoder);
        int round = Wire.round(decoder);
        BlockHash value = BlockHash.of(decoder.fixed(BlockHash.LENGTH));
        List<CommitSignature> signatures = decoder.list(
                MAX_SIGNATURES,
                d -> new CommitSignature(
                        ValidatorKey.of(d.fixed(Ed25519.PUBLIC_KEY_LENGTH)), d.fixed(Ed25519.SIGNATURE_LENGTH)));
        decoder.finish();
        return new Certificate(height, round, value, signatures);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate other
                && height == other.height
                && round == other.round
                && value.equals(other.value)
                && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, round, value, signatures);
    }

    @Override
    public String toString() {
        return "Certificate(h=" + height + ", r=" + round + ", " + value + ", " + signatures.size() + " signers)";
    }
}
