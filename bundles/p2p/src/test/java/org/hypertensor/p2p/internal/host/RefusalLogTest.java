package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 15: a banned peer redialing 1,501 times a minute made 1,501 WARN lines. */
class RefusalLogTest {

    private long millis = 0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    };

    @Test
    void aRedialingBannedPeerMakesOneLineAMinuteWithTheCount() {
        RefusalLog log = new RefusalLog(clock, 60_000);
        int lines = 0;
        for (int i = 0; i < 1_501; i++) {
            millis = i * 39L; // 1,501 attempts within a minute
            if (log.refused("from /127.0.0.1:" + (40_000 + i), "peer is banned") != null) {
                lines++;
            }
        }
        assertEquals(1, lines);
        assertNotNull(
                log.refused("from /127.0.0.1:1", "connection limit of 8 reached"), "another reason: its own line");
        millis = 60_000;
        String summary = log.refused("from /127.0.0.1:2", "peer is banned");
        assertNotNull(summary);
        assertTrue(summary.contains("and 1500 more refused"), summary);
    }
}
