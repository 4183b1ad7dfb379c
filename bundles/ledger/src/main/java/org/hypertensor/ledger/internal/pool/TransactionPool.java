package org.hypertensor.ledger.internal.pool;

import java.nio.ByteBuffer;
import java.time.Clock;
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
 * sender they are kept by nonce: the run from the sender's next nonce is <em>ready</em>, the rest
 * <em>future</em> (waiting for a gap to fill), as Substrate's ready and future queues. A block takes each
 * sender's ready nonces in order, choosing among senders by tip (higher first), then by arrival. A
 * transaction with the same sender and nonce replaces the pooled one only with a higher tip.
 *
 * <p>Future transactions are never executed nor charged, so they are what a flood uses: they live in a
 * small window ({@link PoolLimits}), expire, are evicted first (lowest tip, newest first) when room is
 * needed, and are not relayed (only {@link Admission#nowReady()} is). A full pool keeps
 * {@link PoolLimits#dutyReserve()} slots for duty calls.
 *
 * <p>Not consensus code: which transactions a proposer picks is its choice; the clock only ages futures.
 */
public final class TransactionPool {

    /** The transactions an admission made ready (the admitted one and the futures it unblocked). */
    public record Admission(boolean future, List<SignedTransaction> nowReady) {}

    private static final long EXPIRY_SCAN_MILLIS = 1_000;

    private final PoolLimits limits;
    private final Clock clock;
    private final Map<ByteBuffer, Sender> bySender = new HashMap<>();
    private final Map<ByteBuffer, Pooled> byHash = new HashMap<>();
    private long arrivals;
    private int futures;
    private long nextExpiryScan;

    public TransactionPool(PoolLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A pool with the default future window and reserve. */
    public TransactionPool(int maxSize, int maxPerSender) {
        this(PoolLimits.of(maxSize, maxPerSender), Clock.systemUTC());
    }

    public PoolLimits limits() {
        return limits;
    }

    /**
     * Adds a checked transaction; {@code stateNonce} is the sender's next nonce at head, {@code duty} whether
     * the call may use the reserved slots.
     */
    public synchronized Admission add(SignedTransaction tx, long stateNonce, boolean duty) throws TransactionRejected {
        expireFutures(false);
        ByteBuffer hash = ByteBuffer.wrap(tx.hash());
        if (byHash.containsKey(hash)) {
            throw new TransactionRejected(Reason.DUPLICATE, "already in the pool");
        }
        long nonce = tx.nonce();
        if (nonce >= stateNonce + limits.maxPerSender()) {
            throw new TransactionRejected(
                    Reason.FUTURE_NONCE,
                    "nonce " + nonce + " is more than " + limits.maxPerSender() + " ahead of the account's next nonce "
                            + stateNonce);
        }
        ByteBuffer key = ByteBuffer.wrap(tx.sender());
        Sender sender = bySender.get(key);
        if (sender != null) {
            rebase(sender, stateNonce);
        } else {
            sender = new Sender(stateNonce);
        }
        long readyEnd = sender.readyEnd();
        boolean future = nonce > readyEnd;
        Pooled existing = sender.txs.get(nonce);
        if (existing != null) {
            if (tx.tip().compareTo(existing.tx().tip()) <= 0) {
                throw new TransactionRejected(
                        Reason.DUPLICATE,
                        "a transaction with nonce " + nonce + " is already pooled; a replacement needs a higher tip");
            }
            byHash.remove(ByteBuffer.wrap(existing.tx().hash()));
            Pooled replacement = new Pooled(tx, arrivals++, clock.millis());
            sender.txs.put(nonce, replacement);
            byHash.put(hash, replacement);
            return new Admission(future, future ? List.of() : List.of(tx));
        }
        if (future) {
            if (nonce - readyEnd > limits.futureGap()) {
                throw new TransactionRejected(
                        Reason.FUTURE_NONCE,
                        "nonce " + nonce + " leaves a gap of more than " + limits.futureGap()
                                + " after the account's next nonce " + readyEnd);
            }
            if (sender.future >= limits.futurePerSender()) {
                throw new TransactionRejected(
                        Reason.SENDER_LIMIT,
                        "the sender already has " + sender.future + " transactions waiting for an earlier nonce");
            }
        }
        if (sender.txs.size() >= limits.maxPerSender()) {
            throw new TransactionRejected(
                    Reason.SENDER_LIMIT, "the sender already has " + limits.maxPerSender() + " pooled transactions");
        }
        makeRoom(tx, future, duty);
        Pooled pooled = new Pooled(tx, arrivals++, clock.millis());
        sender.txs.put(nonce, pooled);
        byHash.put(hash, pooled);
        bySender.put(key, sender);
        recount(sender);
        if (future) {
            return new Admission(true, List.of());
        }
        List<SignedTransaction> nowReady = new ArrayList<>();
        for (long n = nonce; n < sender.readyEnd(); n++) {
            nowReady.add(sender.txs.get(n).tx());
        }
        return new Admission(false, nowReady);
    }

    /** Frees a slot for {@code tx} by evicting a future transaction of lower priority, or refuses it. */
    private void makeRoom(SignedTransaction tx, boolean future, boolean duty) throws TransactionRejected {
        int room = duty ? limits.maxSize() : limits.maxSize() - limits.dutyReserve();
        boolean futuresFull = future && futures >= limits.futureMax();
        if (!futuresFull && byHash.size() < room) {
            return;
        }
        Victim victim = lowestFuture();
        boolean evictable =
                victim != null && (!future || victim.pooled().tx().tip().compareTo(tx.tip()) < 0);
        if (!evictable) {
            if (futuresFull) {
                throw new TransactionRejected(
                        Reason.POOL_FULL,
                        "the pool holds its limit of " + limits.futureMax()
                                + " transactions waiting for an earlier nonce");
            }
            throw new TransactionRejected(
                    Reason.POOL_FULL,
                    "the pool holds its limit of " + room + " transactions" + (duty ? "" : " (the rest is reserved)"));
        }
        drop(victim.sender(), victim.pooled());
    }

    /** The future transaction to evict first: lowest tip, then the newest. */
    private Victim lowestFuture() {
        Victim lowest = null;
        for (Sender s : bySender.values()) {
            for (Pooled p : s.txs.tailMap(s.readyEnd(), false).values()) {
                if (lowest == null || LOWEST_FIRST.compare(p, lowest.pooled()) < 0) {
                    lowest = new Victim(s, p);
                }
            }
        }
        return lowest;
    }

    private static final Comparator<Pooled> LOWEST_FIRST = Comparator.comparing((Pooled p) -> p.tx().tip())
            .thenComparing(Comparator.comparingLong(Pooled::arrival).reversed());

    /** The sender's next nonce counting its contiguous pooled transactions. */
    public synchronized long nextNonce(byte[] sender, long stateNonce) {
        Sender s = bySender.get(ByteBuffer.wrap(sender));
        long next = stateNonce;
        while (s != null && s.txs.containsKey(next)) {
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
        for (Sender s : bySender.values()) {
            Pooled first = s.txs.firstEntry().getValue();
            long next = stateNonce.applyAsLong(first.tx().sender());
            Pooled start = s.txs.get(next);
            if (start != null) {
                heads.add(new Cursor(s.txs, start));
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

    /** The future transactions (waiting for an earlier nonce), oldest first. */
    public synchronized List<SignedTransaction> future() {
        expireFutures(false);
        List<Pooled> out = new ArrayList<>();
        for (Sender s : bySender.values()) {
            out.addAll(s.txs.tailMap(s.readyEnd(), false).values());
        }
        out.sort(Comparator.comparingLong(Pooled::arrival));
        return out.stream().map(Pooled::tx).toList();
    }

    /**
     * Drops what a new head made stale (included transactions and any nonce below the sender's next) and
     * the futures that waited too long.
     */
    public synchronized void prune(ToLongFunction<byte[]> stateNonce) {
        for (Iterator<Sender> it = bySender.values().iterator(); it.hasNext(); ) {
            Sender s = it.next();
            rebase(s, stateNonce.applyAsLong(s.txs.firstEntry().getValue().tx().sender()));
            if (s.txs.isEmpty()) {
                it.remove();
            }
        }
        expireFutures(true);
    }

    /** Removes one transaction (it became invalid, e.g. can no longer pay); its successors become future. */
    public synchronized void remove(SignedTransaction tx) {
        Pooled pooled = byHash.get(ByteBuffer.wrap(tx.hash()));
        if (pooled != null) {
            drop(bySender.get(ByteBuffer.wrap(tx.sender())), pooled);
        }
    }

    public synchronized int size() {
        return byHash.size();
    }

    /** How many pooled transactions wait for an earlier nonce. */
    public synchronized int futureCount() {
        return futures;
    }

    public synchronized boolean contains(byte[] hash) {
        return byHash.containsKey(ByteBuffer.wrap(hash));
    }

    private void drop(Sender s, Pooled pooled) {
        SignedTransaction tx = pooled.tx();
        byHash.remove(ByteBuffer.wrap(tx.hash()));
        s.txs.remove(tx.nonce());
        recount(s);
        if (s.txs.isEmpty()) {
            bySender.remove(ByteBuffer.wrap(tx.sender()));
        }
    }

    /** Moves the sender to the head's next nonce, dropping the stale ones. */
    private void rebase(Sender s, long stateNonce) {
        while (!s.txs.isEmpty() && s.txs.firstKey() < stateNonce) {
            byHash.remove(ByteBuffer.wrap(s.txs.pollFirstEntry().getValue().tx().hash()));
        }
        s.stateNonce = stateNonce;
        recount(s);
    }

    private void recount(Sender s) {
        long next = s.stateNonce;
        while (s.txs.containsKey(next)) {
            next++;
        }
        int before = s.future;
        s.ready = (int) (next - s.stateNonce);
        s.future = s.txs.size() - s.ready;
        futures += s.future - before;
    }

    /** Drops futures older than the TTL (scanning at most once a second unless {@code now}). */
    private void expireFutures(boolean now) {
        long time = clock.millis();
        if (futures == 0 || (!now && time < nextExpiryScan)) {
            return;
        }
        nextExpiryScan = time + EXPIRY_SCAN_MILLIS;
        long oldest = time - limits.futureTtlMillis();
        List<Victim> expired = new ArrayList<>();
        for (Sender s : bySender.values()) {
            for (Pooled p : s.txs.tailMap(s.readyEnd(), false).values()) {
                if (p.addedAt() <= oldest) {
                    expired.add(new Victim(s, p));
                }
            }
        }
        expired.forEach(v -> drop(v.sender(), v.pooled()));
    }

    /** One sender's pooled transactions by nonce; {@code ready} run from {@code stateNonce}, the rest future. */
    private static final class Sender {
        final TreeMap<Long, Pooled> txs = new TreeMap<>();
        long stateNonce;
        int ready;
        int future;

        Sender(long stateNonce) {
            this.stateNonce = stateNonce;
        }

        long readyEnd() {
            return stateNonce + ready;
        }
    }

    private record Pooled(SignedTransaction tx, long arrival, long addedAt) {}

    private record Victim(Sender sender, Pooled pooled) {}

    private record Cursor(TreeMap<Long, Pooled> queue, Pooled current) {}
}
