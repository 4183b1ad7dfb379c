package org.hypertensor.dht.internal.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.DhtRecord;
import org.junit.jupiter.api.Test;

class RecordStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RecordStore store = new RecordStore(new RecordStore.Limits(512, 1_000, 3_600_000), now::get);

    private static Ed25519KeyPair keys() {
        return Ed25519KeyPair.generate(new SecureRandom());
    }

    private DhtRecord record(Ed25519KeyPair keys, String subkey, String value, long seq, long ttl) {
        return RecordSignatures.sign(
                keys,
                "/hypertensor/7/block/3".getBytes(StandardCharsets.UTF_8),
                subkey.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                seq,
                now.get() + ttl);
    }

    @Test
    void theHigherSequenceWinsPerSubkeyAndSubkeysMerge() throws Exception {
        Ed25519KeyPair a = keys();
        Ed25519KeyPair b = keys();
        assertEquals(RecordStore.Verdict.ACCEPTED, store.put(record(a, "A", "v1", 1, 60_000), "p1"));
        assertEquals(RecordStore.Verdict.ACCEPTED, store.put(record(a, "A", "v2", 2, 60_000), "p1"));
        assertEquals(RecordStore.Verdict.STALE, store.put(record(a, "A", "old", 1, 60_000), "p1"));
        assertEquals(RecordStore.Verdict.ACCEPTED, store.put(record(b, "B", "w1", 1, 60_000), "p2"));
        List<DhtRecord> got = store.get("/hypertensor/7/block/3".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of("v2", "w1"),
                got.stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .toList());
    }

    @Test
    void badRecordsAreRefusedWithTheirReason() throws Exception {
        Ed25519KeyPair a = keys();
        DhtRecord good = record(a, "A", "v", 1, 60_000);
        byte[] forged = good.value().clone();
        forged[0] ^= 1;
        DhtRecord tampered = new DhtRecord(
                good.key(), good.subkey(), forged, good.publisher(), 1, good.expiresAtMillis(), good.signature());
        assertEquals(RecordStore.Verdict.BAD_SIGNATURE, store.put(tampered, "p1"));
        assertEquals(RecordStore.Verdict.EXPIRED, store.put(record(a, "A", "v", 1, 0), "p1"));
        assertEquals(RecordStore.Verdict.TOO_FAR_AHEAD, store.put(record(a, "A", "v", 1, 7_200_000), "p1"));
        assertEquals(RecordStore.Verdict.TOO_LARGE, store.put(record(a, "A", "x".repeat(600), 1, 60_000), "p1"));
        // A flood from one peer stops at its quota; others can still store.
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (store.put(record(a, "S" + i, "v", 1, 60_000), "flooder") == RecordStore.Verdict.ACCEPTED) {
                accepted++;
            }
        }
        assertEquals(1_000 / good.size(), accepted);
        assertEquals(RecordStore.Verdict.ACCEPTED, store.put(record(a, "other", "v", 1, 60_000), "p2"));
    }

    @Test
    void theNodesOwnRecordsAreNeverBlockedByThePeerQuota() throws Exception {
        Ed25519KeyPair self = keys();
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    RecordStore.Verdict.ACCEPTED,
                    store.putOwn(record(self, "own" + i, "v", 1, 60_000), "self"),
                    "own record " + i);
        }
        // the same bytes from a remote peer stop at its quota
        assertEquals(RecordStore.Verdict.QUOTA_EXCEEDED, store.put(record(self, "remote", "v", 1, 60_000), "self"));
    }

    @Test
    void expiredRecordsDisappear() throws Exception {
        Ed25519KeyPair a = keys();
        store.put(record(a, "A", "v", 1, 1_000), "p1");
        now.addAndGet(1_000);
        assertEquals(List.of(), store.get("/hypertensor/7/block/3".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, store.sweep());
        assertEquals(RecordStore.Verdict.ACCEPTED, store.put(record(a, "A", "v", 1, 60_000), "p1"));
    }
}
