package org.hypertensor.bft.api;

import java.nio.charset.StandardCharsets;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * The bytes a validator signs, domain-separated so a signature is valid for one chain, height, round and
 * step only: {@code "hypertensor/bft/v1" ‖ chain id (32) ‖ height u64 ‖ round u32 ‖ step u8 ‖ block hash
 * (32, zero bytes for nil)}, integers little-endian (the ledger's canonical codec). A proposal appends its
 * valid round as an option ({@code 0} for none, {@code 1 ‖ u32}), so a relay cannot change it.
 */
public final class SigningBytes {

    /** The domain tag at the start of every signed message (ASCII, no length prefix). */
    public static final String DOMAIN = "hypertensor/bft/v1";

    private static final byte[] DOMAIN_BYTES = DOMAIN.getBytes(StandardCharsets.US_ASCII);

    private SigningBytes() {}

    /** What a vote's signature covers. */
    public static byte[] vote(BlockHash chainId, Step type, long height, int round, BlockHash value) {
        if (type == Step.PROPOSE) {
            throw new IllegalArgumentException("a vote is a prevote or a precommit");
        }
        return common(chainId, type, height, round, value).toByteArray();
    }

    /** What a proposal's signature covers ({@code validRound} −1 for none). */
    public static byte[] proposal(BlockHash chainId, long height, int round, BlockHash value, int validRound) {
        Encoder encoder = common(chainId, Step.PROPOSE, height, round, value);
        encoder.option(validRound < 0 ? null : (long) validRound, Encoder::u32);
        return encoder.toByteArray();
    }

    private static Encoder common(BlockHash chainId, Step step, long height, int round, BlockHash value) {
        if (height < 0 || round < 0) {
            throw new IllegalArgumentException("negative height or round");
        }
        return new Encoder(96)
                .fixed(DOMAIN_BYTES)
                .fixed(chainId.bytes())
                .u64(height)
                .u32(round)
                .u8(step.code())
                .fixed(BlockHash.orZero(value));
    }
}
