package org.hypertensor.ledger.api.consensus;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/** One validator: its account key (Ed25519, signs blocks and votes), voting power and bond (smallest units). */
public record Validator(byte[] account, long power, BigInteger bond) {

    public Validator {
        Objects.requireNonNull(bond, "bond");
        if (account.length != 32) {
            throw new IllegalArgumentException("a validator account is a 32-byte Ed25519 key");
        }
        if (power <= 0) {
            throw new IllegalArgumentException("a validator's voting power must be positive");
        }
        account = account.clone();
    }

    @Override
    public byte[] account() {
        return account.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Validator v && Arrays.equals(account, v.account) && power == v.power && bond.equals(v.bond);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(account) * 31 + Long.hashCode(power);
    }
}
