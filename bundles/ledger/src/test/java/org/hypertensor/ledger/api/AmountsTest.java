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

    /** Issue 15: {@code ledger:transfer //Bob //Charlie 1,5} sent 15 TENSOR. */
    @Test
    void refusesAmbiguousFormsWithTheAcceptedOnes() {
        for (String ambiguous : new String[] {
            "1,5", "1,500", "1,500.25 TENSOR", "1_5", "10_00", ".5", "5.", "1.5.3", "1 000", "+5", "0x10", "1_000.0_1"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Amounts.parse(ambiguous), ambiguous);
            org.junit.jupiter.api.Assertions.assertTrue(
                    e.getMessage().contains("1.5 TENSOR") && e.getMessage().contains(ambiguous), e.getMessage());
        }
        assertEquals(Amounts.ONE_TENSOR.multiply(BigInteger.valueOf(1_000_000)), Amounts.parse("1_000_000"));
        assertEquals(new BigInteger("1500"), Amounts.parse("1_500 base"));
        assertEquals(new BigInteger("1500000000000000000"), Amounts.parse("1.5"));
    }
}
