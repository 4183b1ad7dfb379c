package org.hypertensor.ledger.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * TENSOR amounts as people write them. 1 TENSOR = 10^18 base units. {@code "1.5"}, {@code "1.5 TENSOR"} and
 * {@code "2T"} are TENSOR; {@code "1500 base"} (or {@code "1500b"}) is base units; {@code _} may group the
 * whole part's digits by three ({@code "1_000_000"}). Parsing is exact (no floating point): more than 18
 * decimals, negatives, values of 2^128 or more and every ambiguous form — a comma (decimal or grouping?),
 * {@code _} not grouping by three, {@code .5}, {@code 5.}, exponents — are errors that show the accepted
 * forms.
 */
public final class Amounts {

    public static final BigInteger ONE_TENSOR = BigInteger.TEN.pow(18);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(128);

    /** What an error message shows. */
    public static final String ACCEPTED_FORMS =
            "write 1.5, 1.5 TENSOR, 2T, 1500 base or 1500b; a decimal point, never a comma; _ only between groups"
                    + " of three digits (1_000_000)";

    private Amounts() {}

    /** @throws IllegalArgumentException with a message a person can act on */
    public static BigInteger parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.contains(",")) {
            throw new IllegalArgumentException("ambiguous amount '" + text
                    + "': a comma could be a decimal or a thousands separator (" + ACCEPTED_FORMS + ")");
        }
        boolean base = false;
        if (s.endsWith("base")) {
            base = true;
            s = s.substring(0, s.length() - 4).trim();
        } else if (s.endsWith("b")) {
            base = true;
            s = s.substring(0, s.length() - 1).trim();
        } else if (s.endsWith("tensor")) {
            s = s.substring(0, s.length() - 6).trim();
        } else if (s.endsWith("t")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        if (!s.matches("(\\d+|\\d{1,3}(_\\d{3})+)(\\.\\d+)?")) {
            throw new IllegalArgumentException("not an amount: '" + text + "' (" + ACCEPTED_FORMS + ")");
        }
        s = s.replace("_", "");
        BigInteger value;
        if (base) {
            if (s.contains(".")) {
                throw new IllegalArgumentException("base units are whole: '" + text + "'");
            }
            value = new BigInteger(s);
        } else {
            BigDecimal scaled = new BigDecimal(s).movePointRight(18);
            if (scaled.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("more than 18 decimals: '" + text + "'");
            }
            value = scaled.toBigIntegerExact();
        }
        if (value.compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("amount too large: '" + text + "'");
        }
        return value;
    }

    /** {@code 1.5 TENSOR}: exact, trailing zeros dropped. */
    public static String format(BigInteger baseUnits) {
        BigDecimal tensor = new BigDecimal(baseUnits).movePointLeft(18).stripTrailingZeros();
        return (tensor.signum() == 0 ? "0" : tensor.toPlainString()) + " TENSOR";
    }
}
