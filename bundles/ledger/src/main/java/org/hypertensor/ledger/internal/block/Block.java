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

    public byte[] encodeBody() {
        Encoder out = new Encoder(64 + transactions.size() * 200);
        out.list(transactions, (e, tx) -> tx.write(e));
        out.fixed(seal);
        return out.toByteArray();
    }

    public static Block decode(byte[] header, byte[] body) {
        Decoder in = new Decoder(body);
        List<SignedTransaction> txs = in.list(MAX_TRANSACTIONS, SignedTransaction::read);
        byte[] seal = in.fixed(64);
        in.finish();
        return new Block(Header.decode(header), txs, seal);
    }
}
