package org.hypertensor.rpc.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.hypertensor.ledger.api.PoolEntry;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void aNonceOfTwoToThe63AndUpPrintsUnsigned() {
        PoolEntry entry = new PoolEntry(new byte[32], new byte[32], Long.MIN_VALUE, BigInteger.ZERO, "a.b", 1);
        assertEquals(
                "9223372036854775808", Views.pooled(entry, "ready").get("nonce").toString());
        assertEquals(new BigInteger("18446744073709551615"), Views.u64(-1));
        assertEquals(BigInteger.valueOf(7), Views.u64(7));
    }
}
