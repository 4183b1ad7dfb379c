package org.hypertensor.ledger.api.runtime;

import java.math.BigInteger;

/**
 * Balances as modules move them. Every account has a free and a reserved balance (reserved: held by a
 * module, e.g. stake and unbonding stake); the rewards vault is a chain-held balance no key controls.
 * Total issuance = Σ free + Σ reserved + vault, and it changes only by minting (subsidy) and burning
 * (fees). Amounts are non-negative; a move that would overdraw fails with {@code InsufficientBalance}
 * and changes nothing.
 */
public interface Balances {

    BigInteger free(byte[] account);

    BigInteger reserved(byte[] account);

    void transfer(byte[] from, byte[] to, BigInteger amount);

    /** free → reserved. */
    void reserve(byte[] account, BigInteger amount);

    /** reserved → free. */
    void unreserve(byte[] account, BigInteger amount);

    /** reserved → vault (slashing). */
    void slashReserved(byte[] account, BigInteger amount);

    /** free → vault (registration fees). */
    void payToVault(byte[] account, BigInteger amount);

    BigInteger vault();

    /** vault → the account's free ({@code reserved == false}) or reserved balance (compounded stake). */
    void payFromVault(byte[] account, BigInteger amount, boolean reserved);

    /** Total issuance in base units. */
    BigInteger totalIssuance();
}
