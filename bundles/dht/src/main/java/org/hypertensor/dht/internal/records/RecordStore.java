package org.hypertensor.dht.internal.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.hypertensor.dht.api.DhtRecord;

/**
 * The records a node holds for others. A record is refused unless signed by its publisher, unexpired,
 * within the size limit and within the sending peer's quota; for one key and subkey only the highest
 * sequence is kept. Expired records are dropped when read or swept.
 */
public final class RecordStore {

    /** Why a record was refused; {@code ACCEPTED} when it was stored. */
    public enum Verdict { ACCEPTED, BAD_SIGNATURE, EXPIRED, TOO_LARGE, TOO_FAR_AHEAD, QUOTA_EXCEEDED, STALE }

    /** Limits; expiry beyond {@code maxTtlMillis} is refused so nobody pins a record for ever. */
    public record Limits(int maxRecordBytes, long maxBytesPerPeer, long maxTtlMillis) {
        public static final Limits DEFAULT = new Limits(16 * 1024, 1024 * 1024, 48L * 3600 * 1000);
    }

    private record Stored(DhtRecord record, String fromPeer) {
    }

    private final Limits limits;
    private final LongSupplier clock;
    /** key → subkey → record; TreeMaps with unsigned byte order so reads are deterministic. */
    private final TreeMap<byte[], TreeMap<byte[], Stored>> records = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<String, Long> bytesByPeer = new HashMap<>();

    public RecordStore(Limits limits, LongSupplier clockMillis) {
        this.limits = limits;
        this.clock = clockMillis;
    }

    public synchronized Verdict put(DhtRecord record, String fromPeer) {
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
        TreeMap<byte[], Stored> bySubkey = records.computeIfAbsent(record.key(), k -> new TreeMap<>(Arrays::compareUnsigned));
        Stored existing = bySubkey.get(record.subkey());
        if (existing != null && existing.record().expiresAtMillis() > now
                && existing.record().sequence() >= record.sequence()) {
            return existing.record().equals(record) ? Verdict.ACCEPTED : Verdict.STALE;
        }
        long freed = existing == null ? 0 : existing.record().size();
        long used = bytesByPeer.getOrDefault(fromPeer, 0L) - (existing != null && existing.fromPeer().equals(fromPeer) ? freed : 0);
        if (used + record.size() > limits.maxBytesPerPeer()) {
            return Verdict.QUOTA_EXCEEDED;
        }
        if (existing != null) {
            bytesByPeer.merge(existing.fromPeer(), -freed, Long::sum);
        }
        bytesByPeer.merge(fromPeer, (long) record.size(), Long::sum);
        bySubkey.put(record.subkey(), new Stored(record, fromPeer));
        return Verdict.ACCEPTED;
    }

    /** Every unexpired record under {@code key}, one per subkey, in subkey order. */
    public synchronized List<DhtRecord> get(byte[] key) {
        TreeMap<byte[], Stored> bySubkey = records.get(key);
        List<DhtRecord> out = new ArrayList<>();
        if (bySubkey != null) {
            long now = clock.getAsLong();
            for (Stored s : bySubkey.values()) {
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
        for (var keys = records.values().iterator(); keys.hasNext();) {
            TreeMap<byte[], Stored> bySubkey = keys.next();
            for (var it = bySubkey.values().iterator(); it.hasNext();) {
                Stored s = it.next();
                if (s.record().expiresAtMillis() <= now) {
                    bytesByPeer.merge(s.fromPeer(), (long) -s.record().size(), Long::sum);
                    it.remove();
                    removed++;
                }
            }
            if (bySubkey.isEmpty()) {
                keys.remove();
            }
        }
        return removed;
    }

    /** Merges records from several peers: per subkey the valid one with the highest sequence. */
    public static List<DhtRecord> merge(List<DhtRecord> records, long nowMillis) {
        TreeMap<byte[], DhtRecord> best = new TreeMap<>(Arrays::compareUnsigned);
        for (DhtRecord r : records) {
            if (r.expiresAtMillis() <= nowMillis || !RecordSignatures.verify(r)) {
                continue;
            }
            best.merge(r.subkey(), r, (a, b) -> b.sequence() > a.sequence() ? b : a);
        }
        return List.copyOf(best.values());
    }
}
