package org.hypertensor.ledger.internal.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The test vectors of shared/spec/emissions.md, "Block subsidy". */
class SubsidyTest {

    private static final long INTERVAL = 5_256_000;
    private static final BigInteger CAP = new BigInteger("28000000000000000000000000");
    private static final BigInteger INITIAL = Subsidy.initial(CAP, INTERVAL);

    @Test
    void initialSubsidy() {
        assertEquals(new BigInteger("2663622526636225266"), INITIAL);
    }

    @Test
    void vectors() {
        assertEquals(BigInteger.ZERO, Subsidy.atBlock(0, INITIAL, INTERVAL));
        BigInteger first = Subsidy.atBlock(1, INITIAL, INTERVAL);
        assertEquals(new BigInteger("2663622526636225266"), first);
        assertEquals(new BigInteger("799086757990867579"), Subsidy.authorShare(first, 3000));
        assertEquals(new BigInteger("1864535768645357687"), first.subtract(Subsidy.authorShare(first, 3000)));
        assertEquals(new BigInteger("2663622526636225266"), Subsidy.atBlock(5_255_999, INITIAL, INTERVAL));
        assertEquals(new BigInteger("1331811263318112633"), Subsidy.atBlock(5_256_000, INITIAL, INTERVAL));
        assertEquals(new BigInteger("665905631659056316"), Subsidy.atBlock(10_512_000, INITIAL, INTERVAL));
        assertEquals(BigInteger.ZERO, Subsidy.atBlock(64 * INTERVAL, INITIAL, INTERVAL));
    }

    @Test
    void sumOverAllHalvingsStaysBelowTheCap() {
        BigInteger sum = BigInteger.ZERO;
        for (int h = 0; h < 64; h++) {
            // every block of halving period h pays the same; block 0 pays nothing
            long blocks = h == 0 ? INTERVAL - 1 : INTERVAL;
            sum = sum.add(INITIAL.shiftRight(h).multiply(BigInteger.valueOf(blocks)));
        }
        // The spec's figure counts INTERVAL blocks in the first period too.
        BigInteger specSum = sum.add(INITIAL);
        assertEquals(new BigInteger("27999999999999999822744000"), specSum);
        assertTrue(specSum.compareTo(CAP) < 0);
        assertEquals(new BigInteger("177256000"), CAP.subtract(specSum));
    }
}
