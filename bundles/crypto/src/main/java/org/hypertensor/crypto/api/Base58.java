package org.hypertensor.crypto.api;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet ({@code 1-9A-HJ-NP-Za-km-z}), as used by SS58 addresses and
 * libp2p peer ids (base58btc). Each leading zero byte is one leading {@code '1'}. No checksum.
 */
public final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    /** The base58 text of {@code bytes}; an empty array gives an empty string. */
    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // Repeated division of the big-endian number by 58; digits come out least significant first.
        byte[] number = Arrays.copyOfRange(bytes, zeros, bytes.length);
        char[] out = new char[bytes.length * 2];
        int outStart = out.length;
        int start = 0;
        while (start < number.length) {
            int remainder = 0;
            for (int i = start; i < number.length; i++) {
                int digit = (remainder << 8) | (number[i] & 0xFF);
                number[i] = (byte) (digit / 58);
                remainder = digit % 58;
            }
            out[--outStart] = ALPHABET[remainder];
            while (start < number.length && number[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            out[--outStart] = ALPHABET[0];
        }
        return new String(out, outStart, out.length - outStart);
    }

    /**
     * The bytes of a base58 text.
     *
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    public static byte[] decode(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == ALPHABET[0]) {
            zeros++;
        }
        byte[] number = new byte[text.length()]; // base-256 digits, big-endian, right-aligned
        int used = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not base58: character '" + c + "' at position " + i);
            }
            int carry = digit;
            for (int j = number.length - 1; j >= number.length - used || carry != 0; j--) {
                carry += 58 * (number[j] & 0xFF);
                number[j] = (byte) carry;
                carry >>>= 8;
                if (j < number.length - used) {
                    used++;
                }
            }
        }
        byte[] out = new byte[zeros + used];
        System.arraycopy(number, number.length - used, out, zeros, used);
        return out;
    }
}
