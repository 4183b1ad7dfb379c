package org.hypertensor.staking.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds state keys for the chain modules: a text tag then big-endian fixed-width numbers and raw bytes, so
 * that {@code ModuleStorage.scan}'s unsigned byte order is numeric order.
 */
public final class StateKey {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(48);

    private StateKey() {}

    /** A key starting with {@code tag} and a {@code '/'}. */
    public static StateKey of(String tag) {
        StateKey k = new StateKey();
        k.out.writeBytes(tag.getBytes(StandardCharsets.UTF_8));
        k.out.write('/');
        return k;
    }

    public StateKey u32(long value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
        return this;
    }

    public StateKey u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
        return this;
    }

    public StateKey bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public StateKey text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] build() {
        return out.toByteArray();
    }

    /** Reads a big-endian u32 at {@code offset}. */
    public static long readU32(byte[] key, int offset) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (key[offset + i] & 0xFF);
        }
        return v;
    }

    /** Reads a big-endian u64 at {@code offset}. */
    public static long readU64(byte[] key, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (key[offset + i] & 0xFF);
        }
        return v;
    }
}
