package org.hypertensor.ledger.internal.block;

import java.util.List;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.SignedTransaction;

/**
 * A header, its transactions and the author's seal (Ed25519 over the header hash). The body encoding is
 * {@code list(transaction) ‖ seal 64}.
 */
public record Block(Header header, List<SignedTransaction> transactions, byte[] seal) {

    /** Upper bound a decoder accepts; the chain's own limit (MaxBlockTransactions) is lower. */
    public static final int MAX_TRANSACTIONS = 100_000;

    private static final int MAX_HEADER_BYTES = Header.MAX_CERTIFICATE_BYTES + 1024;
    private static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    public byte[] encodeBody() {
        Encoder out = new Encoder(64 + transactions.size() * 200);
        out.list(transactions, (e, tx) -> tx.write(e));
        out.fixed(seal);
        return out.toByteArray();
    }

    /** The whole block as peers exchange it: {@code bytes(header) ‖ bytes(body)}. */
    public byte[] encode() {
        byte[] header = this.header.encode();
        byte[] body = encodeBody();
        Encoder out = new Encoder(header.length + body.length + 16);
        out.bytes(header).bytes(body);
        return out.toByteArray();
    }

    /** Decodes {@link #encode()}'s form; throws {@link org.hypertensor.ledger.api.codec.DecodeException}. */
    public static Block decode(byte[] encoded) {
        Decoder in = new Decoder(encoded);
        byte[] header = in.bytes(MAX_HEADER_BYTES);
        byte[] body = in.bytes(MAX_BODY_BYTES);
        in.finish();
        return decode(header, body);
    }

    public static Block decode(byte[] header, byte[] body) {
        Decoder in = new Decoder(body);
        List<SignedTransaction> txs = in.list(MAX_TRANSACTIONS, SignedTransaction::read);
        byte[] seal = in.fixed(64);
        in.finish();
        return new Block(Header.decode(header), txs, seal);
    }
}
