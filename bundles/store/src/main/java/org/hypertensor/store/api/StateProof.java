package org.hypertensor.store.api;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A proof that a key has a value (inclusion) or is absent (exclusion) in a state with a given root. The path is
 * the list of branches from the root down to the leaf reached by following the key's hash, each as (bit index,
 * sibling hash). Encoding and verification are defined in docs/state.md; {@link #decode} is strict (exactly one
 * encoding per proof).
 */
public final class StateProof {
    private static final int KIND_INCLUSION = 0;
    private static final int KIND_EXCLUSION_LEAF = 1;
    private static final int KIND_EXCLUSION_EMPTY = 2;
    private static final int HASH = 32;
    private static final byte[] EMPTY_ROOT = new byte[HASH];

    private final int kind;
    private final byte[] key;
    private final byte[] value;
    private final byte[] otherKeyHash;
    private final byte[] otherValueHash;
    private final int[] bits;
    private final byte[][] siblings;

    private StateProof(
            int kind,
            byte[] key,
            byte[] value,
            byte[] otherKeyHash,
            byte[] otherValueHash,
            int[] bits,
            byte[][] siblings) {
        if (key == null || key.length > StateOverlay.MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "proof key missing or longer than " + StateOverlay.MAX_KEY_BYTES + " bytes");
        }
        if (kind == KIND_INCLUSION && (value == null || value.length > StateOverlay.MAX_VALUE_BYTES)) {
            throw new IllegalArgumentException(
                    "proof value missing or longer than " + StateOverlay.MAX_VALUE_BYTES + " bytes");
        }
        if (kind == KIND_EXCLUSION_LEAF) {
            requireHash(otherKeyHash, "other key hash");
            requireHash(otherValueHash, "other value hash");
            if (Arrays.equals(otherKeyHash, MerkleHash.blake2b256(key))) {
                throw new IllegalArgumentException("exclusion proof ends at the key's own leaf");
            }
        }
        if (bits.length != siblings.length || bits.length > 256) {
            throw new IllegalArgumentException("proof path of " + bits.length + " steps is malformed");
        }
        if (kind == KIND_EXCLUSION_EMPTY && bits.length != 0) {
            throw new IllegalArgumentException("an empty-state exclusion proof has no path");
        }
        int previous = -1;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] <= previous || bits[i] > 255) {
                throw new IllegalArgumentException("proof path bits must increase strictly within 0..255");
            }
            previous = bits[i];
            requireHash(siblings[i], "sibling hash");
        }
        this.kind = kind;
        this.key = key.clone();
        this.value = value == null ? null : value.clone();
        this.otherKeyHash = otherKeyHash == null ? null : otherKeyHash.clone();
        this.otherValueHash = otherValueHash == null ? null : otherValueHash.clone();
        this.bits = bits.clone();
        this.siblings = new byte[siblings.length][];
        for (int i = 0; i < siblings.length; i++) {
            this.siblings[i] = siblings[i].clone();
        }
    }

    private static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != HASH) {
            throw new IllegalArgumentException(what + " must be " + HASH + " bytes");
        }
    }

    /** The root of the empty state: 32 zero bytes (a copy). */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** An inclusion proof; the path runs from the root down (bit indices strictly increasing). */
    public static StateProof inclusion(byte[] key, byte[] value, int[] bits, byte[][] siblings) {
        return new StateProof(KIND_INCLUSION, key, value, null, null, bits, siblings);
    }

    /** An exclusion proof: the path that {@code key}'s hash follows ends at another key's leaf. */
    public static StateProof exclusion(
            byte[] key, byte[] otherKeyHash, byte[] otherValueHash, int[] bits, byte[][] siblings) {
        return new StateProof(KIND_EXCLUSION_LEAF, key, null, otherKeyHash, otherValueHash, bits, siblings);
    }

    /** An exclusion proof against the empty state. */
    public static StateProof exclusionFromEmpty(byte[] key) {
        return new StateProof(KIND_EXCLUSION_EMPTY, key, null, null, null, new int[0], new byte[0][]);
    }

    public byte[] key() {
        return key.clone();
    }

    /** The proven value, or null for an exclusion proof. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** Number of branches on the path. */
    public int depth() {
        return bits.length;
    }

    /** Size of {@link #encode()} in bytes. */
    public int size() {
        int size = 1 + 2 + key.length + 2 + bits.length * (1 + HASH);
        return size
                + switch (kind) {
                    case KIND_INCLUSION -> 4 + value.length;
                    case KIND_EXCLUSION_LEAF -> 2 * HASH;
                    default -> 0;
                };
    }

    /**
     * {@code kind u8 ‖ keyLength u16 ‖ key ‖ (valueLength u32 ‖ value | otherKeyHash ‖ otherValueHash | nothing)
     * ‖ steps u16 ‖ (bit u8 ‖ sibling[32])*}, big-endian, steps from the root down.
     */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(size());
        out.put((byte) kind).putShort((short) key.length).put(key);
        if (kind == KIND_INCLUSION) {
            out.putInt(value.length).put(value);
        } else if (kind == KIND_EXCLUSION_LEAF) {
            out.put(otherKeyHash).put(otherValueHash);
        }
        out.putShort((short) bits.length);
        for (int i = 0; i < bits.length; i++) {
            out.put((byte) bits[i]).put(siblings[i]);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException unless {@code bytes} is exactly the encoding of a well-formed proof */
    public static StateProof decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("no proof bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int kind = in.get() & 0xff;
            if (kind > KIND_EXCLUSION_EMPTY) {
                throw new IllegalArgumentException("unknown proof kind " + kind);
            }
            byte[] key = take(in, in.getShort() & 0xffff, StateOverlay.MAX_KEY_BYTES, "key");
            byte[] value = null;
            byte[] otherKeyHash = null;
            byte[] otherValueHash = null;
            if (kind == KIND_INCLUSION) {
                value = take(in, in.getInt(), StateOverlay.MAX_VALUE_BYTES, "value");
            } else if (kind == KIND_EXCLUSION_LEAF) {
                otherKeyHash = take(in, HASH, HASH, "other key hash");
                otherValueHash = take(in, HASH, HASH, "other value hash");
            }
            int steps = in.getShort() & 0xffff;
            if (steps > 256) {
                throw new IllegalArgumentException("proof path of " + steps + " steps is longer than 256");
            }
            int[] bits = new int[steps];
            byte[][] siblings = new byte[steps][];
            for (int i = 0; i < steps; i++) {
                bits[i] = in.get() & 0xff;
                siblings[i] = take(in, HASH, HASH, "sibling hash");
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the end of the proof");
            }
            return new StateProof(kind, key, value, otherKeyHash, otherValueHash, bits, siblings);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("proof truncated at byte " + in.position());
        }
    }

    private static byte[] take(ByteBuffer in, int length, int max, String what) {
        if (length < 0 || length > max) {
            throw new IllegalArgumentException(
                    "proof " + what + " length " + Integer.toUnsignedString(length) + " is over " + max);
        }
        if (length > in.remaining()) {
            throw new IllegalArgumentException("proof truncated in the " + what);
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** True if this proof holds against {@code root}. */
    public boolean verify(byte[] root) {
        if (root == null || root.length != HASH) {
            return false;
        }
        if (kind == KIND_EXCLUSION_EMPTY) {
            return Arrays.equals(root, EMPTY_ROOT);
        }
        byte[] keyHash = MerkleHash.blake2b256(key);
        byte[] node;
        if (kind == KIND_INCLUSION) {
            node = MerkleHash.leaf(keyHash, MerkleHash.blake2b256(value));
        } else {
            for (int bit : bits) {
                if (MerkleHash.bit(otherKeyHash, bit) != MerkleHash.bit(keyHash, bit)) {
                    return false; // the other leaf is not on the key's path
                }
            }
            node = MerkleHash.leaf(otherKeyHash, otherValueHash);
        }
        for (int i = bits.length - 1; i >= 0; i--) {
            node = MerkleHash.bit(keyHash, bits[i]) == 0
                    ? MerkleHash.branch(bits[i], node, siblings[i])
                    : MerkleHash.branch(bits[i], siblings[i], node);
        }
        return Arrays.equals(node, root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateProof p && Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return (kind == KIND_INCLUSION ? "inclusion" : "exclusion") + " proof, " + bits.length + " steps, " + size()
                + " bytes";
    }
}
