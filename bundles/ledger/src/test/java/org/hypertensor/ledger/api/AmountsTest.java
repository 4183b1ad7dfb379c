package org.hypertensor.ledger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void parsesTensorAndBaseUnitsExactly() {
        assertEquals(new BigInteger("1500000000000000000"), Amounts.parse("1.5"));
        assertEquals(new BigInteger("1500000000000000000"), Amounts.parse("1.5 TENSOR"));
        assertEquals(new BigInteger("2000000000000000000"), Amounts.parse("2T"));
        assertEquals(new BigInteger("1500"), Amounts.parse("1500 base"));
        assertEquals(new BigInteger("1"), Amounts.parse("0.000000000000000001"));
        assertEquals("1.5 TENSOR", Amounts.format(new BigInteger("1500000000000000000")));
        assertEquals("0 TENSOR", Amounts.format(BigInteger.ZERO));
    }

    @Test
    void refusesWhatIsNotAnExactAmount() {
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse("0.0000000000000000001"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse("1.5 base"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse("1e5"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(BigInteger.ONE.shiftLeft(128) + " base"));
    }
}
