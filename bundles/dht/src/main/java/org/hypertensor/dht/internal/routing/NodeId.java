package org.hypertensor.dht.internal.routing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A point of Kademlia's 256-bit key space: SHA-256 of a peer id or of a record key. An id made from a
 * key remembers it, because FIND_NODE names its target by the key (peers hash it themselves).
 */
public final class NodeId implements Comparable<NodeId> {

    public static final int BITS = 256;
    /** Farthest prefix length {@link #randomInBucket} searches a key for (2^(n+1) hashes expected). */
    public static final int MAX_RANDOM_PREFIX = 12;

    private final byte[] bytes;
    private final byte[] key;

    private NodeId(byte[] bytes, byte[] key) {
        this.bytes = bytes;
        this.key = key;
    }

    /** The id of a peer (its peer id bytes) or of a key. */
    public static NodeId hashOf(byte[] data) {
        return new NodeId(sha256().digest(data), data.clone());
    }

    public static NodeId ofBytes(byte[] bytes) {
        if (bytes.length != BITS / 8) {
            throw new IllegalArgumentException("a node id has 32 bytes, not " + bytes.length);
        }
        return new NodeId(bytes.clone(), null);
    }

    /** The key this id is the hash of, or null for an id given by its bytes. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
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

    /**
     * The id of a random key sharing exactly {@code prefix} leading bits with this one (found by hashing
     * random keys, so {@code prefix} is at most {@link #MAX_RANDOM_PREFIX}).
     */
    public NodeId randomInBucket(int prefix, java.util.random.RandomGenerator random) {
        if (prefix < 0 || prefix > MAX_RANDOM_PREFIX) {
            throw new IllegalArgumentException("prefix " + prefix + " outside 0.." + MAX_RANDOM_PREFIX);
        }
        MessageDigest sha = sha256();
        byte[] candidate = new byte[32];
        while (true) {
            random.nextBytes(candidate);
            NodeId id = new NodeId(sha.digest(candidate), candidate.clone());
            if (commonPrefixLength(id) == prefix) {
                return id;
            }
        }
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
