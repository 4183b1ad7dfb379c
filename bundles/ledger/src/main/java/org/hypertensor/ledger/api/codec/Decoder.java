package org.hypertensor.ledger.api.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the canonical encoding written by {@link Encoder}, strictly: a length longer than what is left,
 * a boolean or option tag other than 0/1, invalid UTF-8 and (at {@link #finish()}) trailing bytes are
 * {@link DecodeException}s, so every value has exactly one encoding.
 */
public final class Decoder {

    private final byte[] data;
    private final int end;
    private int position;

    public Decoder(byte[] data) {
        this(data, 0, data.length);
    }

    public Decoder(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    public int u8() {
        need(1, "u8");
        return data[position++] & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new DecodeException("invalid boolean " + b + " at byte " + (position - 1));
        }
        return b == 1;
    }

    public long u32() {
        return littleEndian(4, "u32");
    }

    public long u64() {
        return littleEndian(8, "u64");
    }

    public BigInteger u128() {
        need(16, "u128");
        byte[] be = new byte[17]; // leading zero keeps it positive
        for (int i = 0; i < 16; i++) {
            be[16 - i] = data[position + i];
        }
        position += 16;
        return new BigInteger(be);
    }

    /** A length-prefixed byte string of at most {@code maxLength} bytes. */
    public byte[] bytes(int maxLength) {
        long length = u32();
        if (length > maxLength) {
            throw new DecodeException("length " + length + " exceeds the limit of " + maxLength + " bytes");
        }
        return fixed((int) length);
    }

    public byte[] fixed(int length) {
        need(length, length + " bytes");
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    public String text(int maxBytes) {
        byte[] raw = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("text is not valid UTF-8");
        }
    }

    /** A counted list of at most {@code maxCount} elements. */
    public <T> List<T> list(int maxCount, ElementReader<T> reader) {
        long count = u32();
        if (count > maxCount) {
            throw new DecodeException("list of " + count + " exceeds the limit of " + maxCount + " elements");
        }
        List<T> out = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            out.add(reader.read(this));
        }
        return out;
    }

    /** An option: {@code null} for tag 0. */
    public <T> T option(ElementReader<T> reader) {
        int tag = u8();
        if (tag > 1) {
            throw new DecodeException("invalid option tag " + tag + " at byte " + (position - 1));
        }
        return tag == 0 ? null : reader.read(this);
    }

    public int remaining() {
        return end - position;
    }

    /** Ends decoding: anything left over makes the whole value invalid. */
    public void finish() {
        if (position != end) {
            throw new DecodeException((end - position) + " trailing bytes");
        }
    }

    private long littleEndian(int width, String what) {
        need(width, what);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (data[position + i] & 0xFFL) << (8 * i);
        }
        position += width;
        return value;
    }

    private void need(int count, String what) {
        if (count > end - position) {
            throw new DecodeException("truncated: " + what + " needs " + count + " bytes at byte " + position + ", "
                    + (end - position) + " left");
        }
    }

    /** Reads one element of a list or option. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(Decoder decoder);
    }
}
