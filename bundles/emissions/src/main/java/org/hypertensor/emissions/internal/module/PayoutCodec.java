package org.hypertensor.emissions.internal.module;

import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/** The canonical encoding of an {@link EpochPayout} in state. */
final class PayoutCodec {

    private static final int MAX = 4096;

    private PayoutCodec() {}

    static byte[] encode(EpochPayout p) {
        Encoder e = new Encoder(256);
        e.u64(p.epoch()).u64(p.block()).u128(p.vaultBefore()).u128(p.vaultAfter());
        e.list(
                p.subnets(),
                (enc, s) -> enc.u32(s.subnet())
                        .u128(s.stake())
                        .u32(s.weightBp())
                        .u128(s.pot())
                        .u128(s.paid())
                        .list(
                                s.nodes(),
                                (en, n) -> en.fixed(n.account())
                                        .text(n.peerId())
                                        .u128(n.stake())
                                        .u32(n.score())
                                        .u128(n.reward())
                                        .u128(n.toStake())
                                        .u128(n.toFree())));
        e.list(p.dropped(), Encoder::u32);
        e.list(p.notes(), Encoder::text);
        return e.toByteArray();
    }

    static EpochPayout decode(byte[] bytes) {
        Decoder d = new Decoder(bytes);
        EpochPayout p = new EpochPayout(
                d.u64(),
                d.u64(),
                d.u128(),
                d.u128(),
                d.list(
                        MAX,
                        x -> new SubnetPayout(
                                x.u32(),
                                x.u128(),
                                x.u32(),
                                x.u128(),
                                x.u128(),
                                x.list(
                                        MAX,
                                        y -> new NodeReward(
                                                y.fixed(32),
                                                y.text(64),
                                                y.u128(),
                                                y.u32(),
                                                y.u128(),
                                                y.u128(),
                                                y.u128())))),
                d.list(MAX, Decoder::u32),
                d.list(MAX, x -> x.text(512)));
        d.finish();
        return p;
    }
}
