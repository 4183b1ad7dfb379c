package org.hypertensor.ledger.internal.block;

import java.util.List;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/** A block's receipts, stored beside it: {@code list(success bool ‖ fee u128 ‖ option error ‖ option message)}. */
public final class ReceiptCodec {

    private ReceiptCodec() {}

    public static byte[] encode(List<Receipt> receipts) {
        Encoder out = new Encoder(32 + receipts.size() * 24);
        out.list(
                receipts,
                (e, r) -> e.bool(r.success())
                        .u128(r.fee())
                        .option(r.error(), Encoder::text)
                        .option(r.message(), Encoder::text));
        return out.toByteArray();
    }

    public static List<Receipt> decode(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        List<Receipt> out = in.list(
                Block.MAX_TRANSACTIONS,
                d -> new Receipt(d.bool(), d.u128(), d.option(x -> x.text(256)), d.option(x -> x.text(4096))));
        in.finish();
        return out;
    }
}
