package org.hypertensor.ledger.api.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the canonical encoding. Integers are fixed-width little-endian ({@code u8}, {@code u32},
 * {@code u64}, {@code u128}); byte strings, text and lists carry a {@code u32} length (count) prefix;
 * fixed-size byte arrays ({@link #fixed}) carry none; a boolean is one byte 0 or 1; an option is a tag
 * byte 0 (none) or 1 (some) then the value.
 */
public final class Encoder {

    /** Upper bound of a u128: balances and amounts live below it. */
    public static final BigInteger U128_LIMIT = BigInteger.ONE.shiftLeft(128);

    private byte[] buffer;
    private int size;

    public Encoder() {
        this(64);
    }

    public Encoder(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public Encoder u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public Encoder bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public Encoder u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        return littleEndian(value, 4);
    }

    /** An unsigned 64-bit value; Java's {@code long} is read as unsigned, so any value is accepted. */
    public Encoder u64(long value) {
        return littleEndian(value, 8);
    }

    public Encoder u128(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(U128_LIMIT) >= 0) {
            throw new IllegalArgumentException("u128 out of range: " + value);
        }
        ensure(16);
        byte[] be = value.toByteArray();
        // big-endian two's complement to 16 little-endian bytes
        for (int i = 0; i < 16; i++) {
            int from = be.length - 1 - i;
            buffer[size + i] = from >= 0 ? be[from] : 0;
        }
        size += 16;
        return this;
    }

    /** A byte string with its length. */
    public Encoder bytes(byte[] value) {
        u32(value.length);
        return fixed(value);
    }

    /** Bytes whose length both sides know (hashes, keys, signatures): no prefix. */
    public Encoder fixed(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    public Encoder text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A list: its count, then each element written by {@code writer}. */
    public <T> Encoder list(List<T> values, ElementWriter<T> writer) {
        u32(values.size());
        for (T value : values) {
            writer.write(this, value);
        }
        return this;
    }

    /** An option: tag 0 for {@code null}, else tag 1 and the value. */
    public <T> Encoder option(T value, ElementWriter<T> writer) {
        if (value == null) {
            return u8(0);
        }
        u8(1);
        writer.write(this, value);
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private Encoder littleEndian(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    /** Writes one element of a list or option. */
    @FunctionalInterface
    public interface ElementWriter<T> {
        void write(Encoder encoder, T value);
    }
}
