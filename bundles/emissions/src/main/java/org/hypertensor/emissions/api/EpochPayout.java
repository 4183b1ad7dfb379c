package org.hypertensor.emissions.api;

import java.math.BigInteger;
import java.util.List;

/**
 * One epoch's payout at {@code block}: the vault before and after (what was not paid stays for the next
 * epoch), each paid subnet, the subnets dropped with weight 0 (one error each), and notes (why nothing was paid).
 */
public record EpochPayout(
        long epoch,
        long block,
        BigInteger vaultBefore,
        BigInteger vaultAfter,
        List<SubnetPayout> subnets,
        List<Long> dropped,
        List<String> notes) {

    public BigInteger paid() {
        return vaultBefore.subtract(vaultAfter);
    }
}
