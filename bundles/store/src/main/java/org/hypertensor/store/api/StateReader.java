package org.hypertensor.store.api;

import java.util.List;
import java.util.Map;

/** Read access to a key-value state with a Merkle commitment (see docs/state.md for the exact structure). */
public interface StateReader {
    /** The value under {@code key} (a copy), or null if absent. */
    byte[] get(byte[] key);

    /** The state root (32 bytes); {@link StateProof#emptyRoot()} (32 zero bytes) for the empty state. */
    byte[] root();

    /** An inclusion proof if {@code key} is present, otherwise an exclusion proof, against {@link #root()}. */
    StateProof prove(byte[] key);

    /** Entries whose key starts with {@code prefix}, ascending by unsigned byte order of the key (copies). */
    List<Map.Entry<byte[], byte[]>> scan(byte[] prefix);

    /** Number of keys in the state (added to the agreed API as a default method; the store overrides it). */
    default long size() {
        return scan(new byte[0]).size();
    }

    /**
     * Up to {@code max} entries in ascending key-hash order (unsigned, BLAKE2b-256 of the key), starting at the
     * first whose key hash is {@code >= fromKeyHash} (32 bytes). Copies. For state sync: chunks of the state in
     * trie order.
     *
     * @throws IllegalArgumentException if {@code fromKeyHash} is not 32 bytes or {@code max} is negative
     */
    default List<Map.Entry<byte[], byte[]>> leaves(byte[] fromKeyHash, int max) {
        throw new UnsupportedOperationException("this state reader cannot list leaves in key-hash order");
    }
}
