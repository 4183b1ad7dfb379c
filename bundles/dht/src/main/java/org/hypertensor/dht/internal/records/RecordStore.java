package org.hypertensor.dht.internal.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.hypertensor.dht.api.DhtRecord;

/**
 * The records a node holds for others. A record is refused unless signed by its publisher, unexpired,
 * within the size limit and within the sending peer's quota. Under one key there is one entry per
 * subkey and publisher (a publisher can only replace its own entries); for each, only the highest
 * sequence is kept. Expired records are dropped when read or swept. Refusals are counted by reason.
 */
public final class RecordStore {

    /** Why a record was refused; {@code ACCEPTED} when it was stored. */
    public enum Verdict {
        ACCEPTED,
        BAD_SIGNATURE,
        EXPIRED,
        TOO_LARGE,
        TOO_FAR_AHEAD,
        QUOTA_EXCEEDED,
        STALE,
        KEY_FULL
    }

    /**
     * Limits; expiry beyond {@code maxTtlMillis} is refused so nobody pins a record for ever.
     * {@code maxEntriesPerKey} bounds what one GET answer carries.
     */
    public record Limits(int maxRecordBytes, long maxBytesPerPeer, long maxTtlMillis, int maxEntriesPerKey) {
        public static final Limits DEFAULT = new Limits(16 * 1024, 1024 * 1024, 48L * 3600 * 1000, 256);

        public Limits(int maxRecordBytes, long maxBytesPerPeer, long maxTtlMillis) {
            this(maxRecordBytes, maxBytesPerPeer, maxTtlMillis, 256);
        }
    }

    /** One entry's place under a key: its subkey, then its publisher. */
    private record Slot(byte[] subkey, byte[] publisher) {
        static final Comparator<Slot> ORDER = (a, b) -> {
            int c = Arrays.compareUnsigned(a.subkey, b.subkey);
            return c != 0 ? c : Arrays.compareUnsigned(a.publisher, b.publisher);
        };

        static Slot of(DhtRecord r) {
            return new Slot(r.subkey(), r.publisher());
        }
    }

    private record Stored(DhtRecord record, String fromPeer) {}

    private final Limits limits;
    private final LongSupplier clock;
    /** key → slot → record; sorted maps with unsigned byte order so reads are deterministic. */
    private final TreeMap<byte[], TreeMap<Slot, Stored>> records = new TreeMap<>(Arrays::compareUnsigned);

    private final Map<String, Long> bytesByPeer = new HashMap<>();
    private final EnumMap<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    private volatile Consumer<DhtRecord> onStored = r -> {};

    public RecordStore(Limits limits, LongSupplier clockMillis) {
        this.limits = limits;
        this.clock = clockMillis;
    }

    /** Called (outside the store's lock) with each record newly stored or replaced. */
    public void onStored(Consumer<DhtRecord> listener) {
        this.onStored = listener;
    }

    public Verdict put(DhtRecord record, String fromPeer) {
        return put(record, fromPeer, false);
    }

    /**
     * Stores one of this node's own records: the quota is meant for remote peers and never blocks these
     * (the node's announcements depend on them); they still count in the bytes held per peer.
     */
    public Verdict putOwn(DhtRecord record, String selfPeer) {
        return put(record, selfPeer, true);
    }

    private Verdict put(DhtRecord record, String fromPeer, boolean own) {
        Verdict v;
        synchronized (this) {
            v = check(record, fromPeer, own);
            verdicts.merge(v, 1L, Long::sum);
        }
        if (v == Verdict.ACCEPTED) {
            onStored.accept(record);
        }
        return v;
    }

    private Verdict check(DhtRecord record, String fromPeer, boolean own) {
        long now = clock.getAsLong();
        if (record.size() > limits.maxRecordBytes()) {
            return Verdict.TOO_LARGE;
        }
        if (record.expiresAtMillis() <= now) {
            return Verdict.EXPIRED;
        }
        if (record.expiresAtMillis() - now > limits.maxTtlMillis()) {
            return Verdict.TOO_FAR_AHEAD;
        }
        if (!RecordSignatures.verify(record)) {
            return Verdict.BAD_SIGNATURE;
        }
        TreeMap<Slot, Stored> slots = records.computeIfAbsent(record.key(), k -> new TreeMap<>(Slot.ORDER));
        Stored existing = slots.get(Slot.of(record));
        if (existing != null
                && existing.record().expiresAtMillis() > now
                && existing.record().sequence() >= record.sequence()) {
            return existing.record().equals(record) ? Verdict.ACCEPTED : Verdict.STALE;
        }
        if (existing == null && slots.size() >= limits.maxEntriesPerKey()) {
            return Verdict.KEY_FULL;
        }
        long freed = existing == null ? 0 : existing.record().size();
        long used = bytesByPeer.getOrDefault(fromPeer, 0L)
                - (existing != null && existing.fromPeer().equals(fromPeer) ? freed : 0);
        if (!own && used + record.size() > limits.maxBytesPerPeer()) {
            return Verdict.QUOTA_EXCEEDED;
        }
        if (existing != null) {
            bytesByPeer.merge(existing.fromPeer(), -freed, Long::sum);
        }
        bytesByPeer.merge(fromPeer, (long) record.size(), Long::sum);
        slots.put(Slot.of(record), new Stored(record, fromPeer));
        return Verdict.ACCEPTED;
    }

    /** Every unexpired record under {@code key}, in subkey then publisher order. */
    public synchronized List<DhtRecord> get(byte[] key) {
        TreeMap<Slot, Stored> slots = records.get(key);
        List<DhtRecord> out = new ArrayList<>();
        if (slots != null) {
            long now = clock.getAsLong();
            for (Stored s : slots.values()) {
                if (s.record().expiresAtMillis() > now) {
                    out.add(s.record());
                }
            }
        }
        return out;
    }

    /** Drops expired records and returns how many went. */
    public synchronized int sweep() {
        long now = clock.getAsLong();
        int removed = 0;
        for (var keys = records.values().iterator(); keys.hasNext(); ) {
            TreeMap<Slot, Stored> slots = keys.next();
            for (var it = slots.values().iterator(); it.hasNext(); ) {
                Stored s = it.next();
                if (s.record().expiresAtMillis() <= now) {
                    bytesByPeer.merge(s.fromPeer(), (long) -s.record().size(), Long::sum);
                    it.remove();
                    removed++;
                }
            }
            if (slots.isEmpty()) {
                keys.remove();
            }
        }
        return removed;
    }

    /** Keys held and entries under them. */
    public synchronized long[] size() {
        long entries = 0;
        for (TreeMap<Slot, Stored> slots : records.values()) {
            entries += slots.size();
        }
        return new long[] {records.size(), entries};
    }

    /** How many records were stored or refused, by verdict. */
    public synchronized Map<Verdict, Long> verdicts() {
        return new EnumMap<>(verdicts);
    }

    /** Merges records from several peers: per subkey and publisher the valid one with the highest sequence. */
    public static List<DhtRecord> merge(List<DhtRecord> records, long nowMillis) {
        TreeMap<Slot, DhtRecord> best = new TreeMap<>(Slot.ORDER);
        for (DhtRecord r : records) {
            if (r.expiresAtMillis() <= nowMillis || !RecordSignatures.verify(r)) {
                continue;
            }
            best.merge(Slot.of(r), r, (a, b) -> b.sequence() > a.sequence() ? b : a);
        }
        return List.copyOf(best.values());
    }
}
