package org.hypertensor.ledger.api;

import java.math.BigInteger;

/** Total issuance = genesis + minted − burned; the vault is part of it. */
public record Supply(
        BigInteger totalIssuance, BigInteger genesis, BigInteger minted, BigInteger burned, BigInteger vault) {}
