package org.hypertensor.staking.internal.state;

import java.math.BigInteger;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/** A node as stored under {@code (subnet, account)}: {@code (peer id, multiaddr, stake u128, registered_at u64)}. */
record NodeRecord(String peerId, String multiaddr, BigInteger stake, long registeredAt) {

    byte[] encode() {
        return new Encoder(128)
                .text(peerId)
                .text(multiaddr)
                .u128(stake)
                .u64(registeredAt)
                .toByteArray();
    }

    static NodeRecord decode(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        NodeRecord r = new NodeRecord(in.text(64), in.text(256), in.u128(), in.u64());
        in.finish();
        return r;
    }

    NodeRecord withStake(BigInteger s) {
        return new NodeRecord(peerId, multiaddr, s, registeredAt);
    }
}
