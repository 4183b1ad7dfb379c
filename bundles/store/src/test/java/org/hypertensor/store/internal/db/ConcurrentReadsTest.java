package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers scanning and loading the state rows while blocks rewrite them: no reader may hold a Derby row lock that a
 * commit waits for while it waits for one of the commit's (a lock cycle Derby breaks only by failing one side, the
 * commit or the read). Derby is told to look for cycles after one second so that one fails the test at once. Without
 * the commit's lock on the table's readers this failed in 3 runs out of 3, each within 12 s.
 */
class ConcurrentReadsTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scansAndLoadsDuringCommitsNeverFail() throws Exception {
        int keys = 500;
        try (ChainStore store = new DerbyChainStoreFactory(StoreTests.TINY).open(dir)) {
            // Look for lock cycles after 1 s instead of 20 (a database property: it stays with this test's database).
            try (Connection c = Derby.connect(dir.toRealPath(), "");
                    CallableStatement call = c.prepareCall(
                            "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.deadlockTimeout', '1')")) {
                call.execute();
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger reads = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int scanners = 0; scanners < 2; scanners++) {
                readers.add(new Thread(() -> {
                    while (!done.get() && failure.get() == null) {
                        try {
                            List<?> entries = store.state().scan(b("k/"));
                            assertTrue(entries.isEmpty() || entries.size() == keys, "entries " + entries.size());
                            reads.incrementAndGet();
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    }
                }));
            }
            readers.add(new Thread(() -> {
                int i = 0;
                while (!done.get() && failure.get() == null) {
                    try {
                        StateReader state = store.state();
                        for (int j = 0; j < 50; j++, i++) {
                            state.get(b("k/" + (i * 7919 % keys)));
                        }
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
            }));
            readers.forEach(Thread::start);
            try {
                for (int n = 0; n < 60 && failure.get() == null; n++) {
                    StateOverlay o = store.overlay();
                    for (int i = 0; i < keys; i++) {
                        o.put(b("k/" + i), b("block " + n + " " + "x".repeat(i % 40)));
                    }
                    store.commit(o, ChainStoreTest.block(n, 1));
                }
            } finally {
                done.set(true);
                for (Thread t : readers) {
                    t.join();
                }
            }
            if (failure.get() != null) {
                throw new AssertionError("a reader failed", failure.get());
            }
            assertTrue(reads.get() > 0);
            assertEquals(keys, store.state().scan(b("k/")).size());
        }
    }
}
