package org.hypertensor.console.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    @Test
    void oneLinePerIntervalAndTheNextSaysHowManyWereLeftOut() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(10, now::get);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            log.log("refused " + i, (line, skipped) -> lines.add(line + " +" + skipped));
        }
        now.addAndGet(10);
        log.log("refused 5", (line, skipped) -> lines.add(line + " +" + skipped));
        log.log("refused 6", (line, skipped) -> lines.add(line + " +" + skipped));
        assertEquals(List.of("refused 0 +0", "refused 5 +4"), lines);
    }
}
