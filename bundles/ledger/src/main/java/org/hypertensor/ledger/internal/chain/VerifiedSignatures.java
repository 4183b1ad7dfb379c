package org.hypertensor.ledger.internal.chain;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes of transactions whose signature this node already checked (when the pool accepted them), so
 * importing a block does not verify them again. A transaction hash covers the signature and the signed
 * fields, so a hit means the very same bytes were verified. Bounded: the oldest entries go first.
 */
final class VerifiedSignatures {

    private final int capacity;
    private final Map<ByteBuffer, Boolean> hashes;

    VerifiedSignatures(int capacity) {
        this.capacity = capacity;
        this.hashes = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > VerifiedSignatures.this.capacity;
            }
        };
    }

    synchronized void add(byte[] txHash) {
        hashes.put(ByteBuffer.wrap(txHash.clone()), Boolean.TRUE);
    }

    synchronized boolean contains(byte[] txHash) {
        return hashes.containsKey(ByteBuffer.wrap(txHash));
    }

    /** Forgets included transactions: they cannot be included again (their nonce is spent). */
    synchronized void remove(byte[] txHash) {
        hashes.remove(ByteBuffer.wrap(txHash));
    }

    synchronized int size() {
        return hashes.size();
    }
}
