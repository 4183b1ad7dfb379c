package org.hypertensor.dht.internal.routing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A point of Kademlia's 256-bit key space: SHA-256 of a peer id or of a record key. */
public final class NodeId implements Comparable<NodeId> {

    public static final int BITS = 256;
    private final byte[] bytes;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The id of a peer (its peer id bytes) or of a key. */
    public static NodeId hashOf(byte[] data) {
        try {
            return new NodeId(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static NodeId ofBytes(byte[] bytes) {
        if (bytes.length != BITS / 8) {
            throw new IllegalArgumentException("a node id has 32 bytes, not " + bytes.length);
        }
        return new NodeId(bytes.clone());
    }

    /** Number of leading bits shared with {@code other} (256 when equal). */
    public int commonPrefixLength(NodeId other) {
        for (int i = 0; i < bytes.length; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /** Orders {@code a} and {@code b} by XOR distance to this id: negative if {@code a} is closer. */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < bytes.length; i++) {
            int da = (bytes[i] ^ a.bytes[i]) & 0xff;
            int db = (bytes[i] ^ b.bytes[i]) & 0xff;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    /** An id sharing exactly {@code prefix} leading bits with this one, the rest from {@code random}. */
    public NodeId randomInBucket(int prefix, java.util.random.RandomGenerator random) {
        byte[] out = new byte[bytes.length];
        random.nextBytes(out);
        for (int bit = 0; bit <= prefix && bit < BITS; bit++) {
            int i = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            boolean mine = (bytes[i] & mask) != 0;
            boolean set = bit < prefix ? mine : !mine; // the bit after the prefix differs
            out[i] = (byte) (set ? out[i] | mask : out[i] & ~mask);
        }
        return new NodeId(out);
    }

    @Override
    public int compareTo(NodeId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes, 0, 6);
    }
}
