package org.hypertensor.ledger.internal.validators;

import java.math.BigInteger;
import java.util.Arrays;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.consensus.Validator;

/**
 * A validator as chain state keeps it: account, voting power, the bond reserved from its balance, and
 * the first height it validates (evidence of an earlier height is not its equivocation as a validator).
 */
record Member(byte[] account, long power, BigInteger bond, long joined) {

    Member {
        account = account.clone();
    }

    @Override
    public byte[] account() {
        return account.clone();
    }

    boolean is(byte[] other) {
        return Arrays.equals(account, other);
    }

    Member withPower(long newPower) {
        return new Member(account, newPower, bond, joined);
    }

    Validator validator() {
        return new Validator(account, power, bond);
    }

    void encode(Encoder out) {
        out.fixed(account).u64(power).u128(bond).u64(joined);
    }

    static Member decode(Decoder in) {
        return new Member(in.fixed(32), in.u64(), in.u128(), in.u64());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m
                && Arrays.equals(account, m.account)
                && power == m.power
                && bond.equals(m.bond)
                && joined == m.joined;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(account) * 31 + Long.hashCode(power);
    }
}
