package org.hypertensor.ledger.internal.pool;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.tx.SignedTransaction;

/**
 * Transactions waiting for a block, already checked (signature, nonce not stale, fee affordable). Per
 * sender they are kept by nonce; a block takes each sender's next nonces in order, choosing among senders
 * by tip (higher first), then by arrival. Bounded in total and per sender; a transaction with the same
 * sender and nonce replaces the pooled one only with a higher tip.
 *
 * <p>Not consensus code: which transactions a proposer picks is its choice.
 */
public final class TransactionPool {

    private final int maxSize;
    private final int maxPerSender;
    private final Map<ByteBuffer, TreeMap<Long, Pooled>> bySender = new HashMap<>();
    private final Map<ByteBuffer, Pooled> byHash = new HashMap<>();
    private long arrivals;

    public TransactionPool(int maxSize, int maxPerSender) {
        this.maxSize = maxSize;
        this.maxPerSender = maxPerSender;
    }

    /** Adds a checked transaction; {@code stateNonce} is the sender's next nonce at head. */
    public synchronized void add(SignedTransaction tx, long stateNonce) throws TransactionRejected {
        ByteBuffer hash = ByteBuffer.wrap(tx.hash());
        if (byHash.containsKey(hash)) {
            throw new TransactionRejected(Reason.DUPLICATE, "already in the pool");
        }
        ByteBuffer sender = ByteBuffer.wrap(tx.sender());
        TreeMap<Long, Pooled> queue = bySender.computeIfAbsent(sender, s -> new TreeMap<>());
        if (tx.nonce() >= stateNonce + maxPerSender) {
            dropIfEmpty(sender, queue);
            throw new TransactionRejected(
                    Reason.FUTURE_NONCE,
                    "nonce " + tx.nonce() + " is more than " + maxPerSender + " ahead of the account's next nonce "
                            + stateNonce);
        }
        Pooled existing = queue.get(tx.nonce());
        if (existing != null) {
            if (tx.tip().compareTo(existing.tx().tip()) <= 0) {
                throw new TransactionRejected(
                        Reason.DUPLICATE,
                        "a transaction with nonce " + tx.nonce()
                                + " is already pooled; a replacement needs a higher tip");
            }
            byHash.remove(ByteBuffer.wrap(existing.tx().hash()));
        } else if (queue.size() >= maxPerSender) {
            throw new TransactionRejected(
                    Reason.SENDER_LIMIT, "the sender already has " + maxPerSender + " pooled transactions");
        } else if (byHash.size() >= maxSize) {
            dropIfEmpty(sender, queue);
            throw new TransactionRejected(Reason.POOL_FULL, "the pool holds its limit of " + maxSize + " transactions");
        }
        Pooled pooled = new Pooled(tx, arrivals++);
        queue.put(tx.nonce(), pooled);
        byHash.put(hash, pooled);
    }

    /** The sender's next nonce counting its contiguous pooled transactions. */
    public synchronized long nextNonce(byte[] sender, long stateNonce) {
        TreeMap<Long, Pooled> queue = bySender.get(ByteBuffer.wrap(sender));
        long next = stateNonce;
        while (queue != null && queue.containsKey(next)) {
            next++;
        }
        return next;
    }

    /** Up to {@code limit} transactions in block order, given each sender's next nonce at head. */
    public synchronized List<SignedTransaction> ready(ToLongFunction<byte[]> stateNonce, int limit) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(
                Comparator.comparing((Cursor c) -> c.current.tx().tip())
                        .reversed()
                        .thenComparingLong(c -> c.current.arrival()));
        for (TreeMap<Long, Pooled> queue : bySender.values()) {
            Pooled first = queue.firstEntry().getValue();
            long next = stateNonce.applyAsLong(first.tx().sender());
            Pooled start = queue.get(next);
            if (start != null) {
                heads.add(new Cursor(queue, start));
            }
        }
        List<SignedTransaction> out = new ArrayList<>();
        while (!heads.isEmpty() && out.size() < limit) {
            Cursor c = heads.poll();
            out.add(c.current.tx());
            Pooled following = c.queue.get(c.current.tx().nonce() + 1);
            if (following != null) {
                heads.add(new Cursor(c.queue, following));
            }
        }
        return out;
    }

    /** Drops what a new head made stale: included transactions and any nonce below the sender's next. */
    public synchronized void prune(ToLongFunction<byte[]> stateNonce) {
        for (Iterator<TreeMap<Long, Pooled>> it = bySender.values().iterator(); it.hasNext(); ) {
            TreeMap<Long, Pooled> queue = it.next();
            long next =
                    stateNonce.applyAsLong(queue.firstEntry().getValue().tx().sender());
            while (!queue.isEmpty() && queue.firstKey() < next) {
                byHash.remove(
                        ByteBuffer.wrap(queue.pollFirstEntry().getValue().tx().hash()));
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Removes one transaction (it became invalid, e.g. can no longer pay). */
    public synchronized void remove(SignedTransaction tx) {
        Pooled pooled = byHash.remove(ByteBuffer.wrap(tx.hash()));
        if (pooled != null) {
            ByteBuffer sender = ByteBuffer.wrap(tx.sender());
            TreeMap<Long, Pooled> queue = bySender.get(sender);
            queue.remove(tx.nonce());
            dropIfEmpty(sender, queue);
        }
    }

    public synchronized int size() {
        return byHash.size();
    }

    public synchronized boolean contains(byte[] hash) {
        return byHash.containsKey(ByteBuffer.wrap(hash));
    }

    private void dropIfEmpty(ByteBuffer sender, TreeMap<Long, Pooled> queue) {
        if (queue.isEmpty()) {
            bySender.remove(sender);
        }
    }

    private record Pooled(SignedTransaction tx, long arrival) {}

    private record Cursor(TreeMap<Long, Pooled> queue, Pooled current) {}
}
