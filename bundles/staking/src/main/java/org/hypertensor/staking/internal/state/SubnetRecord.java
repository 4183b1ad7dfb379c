package org.hypertensor.staking.internal.state;

import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/** A subnet as stored: {@code (id u32, name, model, registered_at u64, owner 32, errors u32)}. */
record SubnetRecord(long id, String name, String model, long registeredAt, byte[] owner, long errors) {

    static final int MAX_NAME = 64;
    static final int MAX_MODEL = 128;

    byte[] encode() {
        return new Encoder(128)
                .u32(id)
                .text(name)
                .text(model)
                .u64(registeredAt)
                .fixed(owner)
                .u32(errors)
                .toByteArray();
    }

    static SubnetRecord decode(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        SubnetRecord r =
                new SubnetRecord(in.u32(), in.text(MAX_NAME), in.text(MAX_MODEL), in.u64(), in.fixed(32), in.u32());
        in.finish();
        return r;
    }

    SubnetRecord withErrors(long e) {
        return new SubnetRecord(id, name, model, registeredAt, owner, e);
    }
}
