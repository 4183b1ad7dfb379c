package org.hypertensor.ledger.internal.block;

import java.util.Arrays;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * A block header. Its hash (the block hash) is BLAKE2b-256 of this encoding:
 * {@code parent 32 ‖ number u64 ‖ timestamp u64 ‖ state root 32 ‖ transactions root 32 ‖ author 32 ‖
 * parent certificate (bytes)}. The certificate proves the parent final (the single-authority engine: the
 * authority's signature over the parent hash; BFT: the precommits).
 */
public record Header(
        byte[] parentHash,
        long number,
        long timestamp,
        byte[] stateRoot,
        byte[] transactionsRoot,
        byte[] author,
        byte[] parentCertificate) {

    public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    public byte[] encode() {
        Encoder out = new Encoder(200 + parentCertificate.length);
        out.fixed(parentHash)
                .u64(number)
                .u64(timestamp)
                .fixed(stateRoot)
                .fixed(transactionsRoot)
                .fixed(author)
                .bytes(parentCertificate);
        return out.toByteArray();
    }

    public static Header decode(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        Header header = new Header(
                in.fixed(32),
                in.u64(),
                in.u64(),
                in.fixed(32),
                in.fixed(32),
                in.fixed(32),
                in.bytes(MAX_CERTIFICATE_BYTES));
        in.finish();
        return header;
    }

    public byte[] hash() {
        return Hashes.blake2b256(encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
