package org.hypertensor.ledger.internal.exec;

import java.math.BigInteger;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.spec.LedgerParameters;
import org.hypertensor.ledger.internal.state.SystemState;

/** {@code fee = BaseFee(call) + LengthFee × encoded length + tip}, from the chain's parameters. */
public final class Fees {

    private Fees() {}

    public static BigInteger of(SystemState system, SignedTransaction tx) {
        BigInteger base =
                system.parameter(LedgerParameters.BASE_FEE_PREFIX + tx.call().qualifiedName());
        if (base == null) {
            base = system.parameter(LedgerParameters.BASE_FEE);
        }
        BigInteger perByte = system.parameter(LedgerParameters.LENGTH_FEE);
        return base.add(perByte.multiply(BigInteger.valueOf(tx.encodedLength())))
                .add(tx.tip());
    }

    /** The author's part of a fee, {@code FeeAuthorBp} of it; the rest is burned. */
    public static BigInteger authorShare(SystemState system, BigInteger fee) {
        return fee.multiply(system.parameter(LedgerParameters.FEE_AUTHOR_BP)).divide(BigInteger.valueOf(10_000));
    }
}
