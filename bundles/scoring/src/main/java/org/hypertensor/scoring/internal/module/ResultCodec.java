package org.hypertensor.scoring.internal.module;

import java.math.BigInteger;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;

/** The canonical encoding of an {@link EpochResult} in state. */
final class ResultCodec {

    private static final int MAX_NODES = 4096;
    private static final int MAX_LINES = 4096;
    private static final int MAX_LINE = 512;

    private ResultCodec() {}

    static byte[] encode(EpochResult r) {
        Encoder e = new Encoder(256 + r.nodes().size() * 160);
        e.u32(r.subnet())
                .u64(r.epoch())
                .u64(r.block())
                .u8(r.status().ordinal())
                .u32(r.eligible())
                .u32(r.submissions())
                .u32(r.unconfirms())
                .u32(r.subnetErrors());
        e.list(r.nodes(), ResultCodec::node);
        e.list(r.notes(), (enc, s) -> enc.text(clip(s)));
        return e.toByteArray();
    }

    private static void node(Encoder e, NodeOutcome n) {
        e.fixed(n.account())
                .text(n.peerId())
                .bool(n.submittable())
                .bool(n.submitted())
                .bool(n.unconfirmed())
                .u32(n.vouches())
                .u32(n.omissions())
                .option(n.score(), Encoder::u64)
                .bool(n.rewardable())
                .u32(n.judged())
                .u32(n.against())
                .u32(n.penalties())
                .bool(n.forgiven())
                .bool(n.removed())
                .u128(n.slashed())
                .list(n.reasons(), (enc, s) -> enc.text(clip(s)));
    }

    static EpochResult decode(byte[] bytes) {
        Decoder d = new Decoder(bytes);
        long subnet = d.u32();
        long epoch = d.u64();
        long block = d.u64();
        int status = d.u8();
        if (status >= EpochStatus.values().length) {
            throw new org.hypertensor.ledger.api.codec.DecodeException("unknown epoch status " + status);
        }
        EpochResult r = new EpochResult(
                subnet,
                epoch,
                block,
                EpochStatus.values()[status],
                d.u32(),
                d.u32(),
                d.u32(),
                d.u32(),
                d.list(MAX_NODES, ResultCodec::node),
                d.list(MAX_LINES, x -> x.text(MAX_LINE)));
        d.finish();
        return r;
    }

    private static NodeOutcome node(Decoder d) {
        byte[] account = d.fixed(32);
        String peer = d.text(64);
        boolean submittable = d.bool();
        boolean submitted = d.bool();
        boolean unconfirmed = d.bool();
        long vouches = d.u32();
        long omissions = d.u32();
        Long score = d.option(Decoder::u64);
        boolean rewardable = d.bool();
        long judged = d.u32();
        long against = d.u32();
        long penalties = d.u32();
        boolean forgiven = d.bool();
        boolean removed = d.bool();
        BigInteger slashed = d.u128();
        return new NodeOutcome(
                account,
                peer,
                submittable,
                submitted,
                unconfirmed,
                vouches,
                omissions,
                score,
                rewardable,
                judged,
                against,
                penalties,
                forgiven,
                removed,
                slashed,
                d.list(MAX_LINES, x -> x.text(MAX_LINE)));
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }
}
