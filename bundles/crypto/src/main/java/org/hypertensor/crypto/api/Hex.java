package org.hypertensor.crypto.api;

import java.util.HexFormat;

/** Lower-case hexadecimal, with an optional {@code 0x} prefix accepted on input. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {}

    /** Lower-case hex of {@code bytes}, no prefix. */
    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /**
     * The bytes of a hex text (either case, optional {@code 0x}).
     *
     * @throws IllegalArgumentException for an odd length or a non-hex character
     */
    public static byte[] decode(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text has an odd number of digits (" + digits.length() + ")");
        }
        try {
            return FORMAT.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + e.getMessage());
        }
    }
}
