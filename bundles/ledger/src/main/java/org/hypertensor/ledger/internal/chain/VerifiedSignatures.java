package org.hypertensor.ledger.internal.chain;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Hashes of transactions whose signature this node already checked (when the pool accepted them), so
 * importing a block does not verify them again. A transaction hash covers the signature and the signed
 * fields, so a hit means the very same bytes were verified. Bounded: the oldest entries go first.
 */
final class VerifiedSignatures {

    private final int capacity;
    /** Insertion-ordered, so the eldest is the first. */
    private final LinkedHashMap<ByteBuffer, Boolean> hashes = new LinkedHashMap<>();

    VerifiedSignatures(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(byte[] txHash) {
        if (capacity == 0) {
            return;
        }
        hashes.put(ByteBuffer.wrap(txHash.clone()), Boolean.TRUE);
        if (hashes.size() > capacity) {
            Iterator<ByteBuffer> eldest = hashes.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
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
