package org.hypertensor.rpc.internal.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads a request body without holding a server thread while it trickles in (servlet non-blocking I/O), and
 * fails it when it is too large, later than the request timeout or slower than the minimum data rate: a
 * thousand connections sending one byte every few seconds then cost memory for their buffers, not threads.
 * Exactly one of the {@link Outcome} callbacks runs, once.
 */
final class BodyReader implements ReadListener {

    /** The rate is checked after this much time, so a body's first packet may take a moment. */
    static final long RATE_GRACE_MILLIS = 1_000;

    interface Outcome {
        void body(byte[] body);

        void tooLarge(long size);

        void tooSlow(String why);

        void failed(Throwable cause);
    }

    private final ServletInputStream in;
    private final int limit;
    private final long discardLimit;
    private final long startMillis;
    private final long timeoutMillis;
    private final int minBytesPerSecond;
    private final Outcome outcome;
    private final ByteArrayOutputStream body;
    private long total;
    private boolean finished;

    /**
     * @param limit bytes kept; a body longer than it is read on (and dropped) up to {@code discardLimit}, so
     *     the client reads the answer instead of a reset connection
     */
    BodyReader(
            ServletInputStream in,
            int limit,
            long discardLimit,
            long startMillis,
            long timeoutMillis,
            int minBytesPerSecond,
            Outcome outcome) {
        this.in = in;
        this.limit = limit;
        this.discardLimit = discardLimit;
        this.startMillis = startMillis;
        this.timeoutMillis = timeoutMillis;
        this.minBytesPerSecond = minBytesPerSecond;
        this.outcome = outcome;
        this.body = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    @Override
    public void onDataAvailable() throws IOException {
        byte[] buffer = new byte[8192];
        while (in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            long size;
            synchronized (this) {
                if (finished) {
                    return;
                }
                total += n;
                if (total <= limit) {
                    body.write(buffer, 0, n);
                }
                if (total <= discardLimit) {
                    continue;
                }
                finished = true;
                size = total;
            }
            outcome.tooLarge(size);
            return;
        }
    }

    @Override
    public void onAllDataRead() {
        byte[] bytes;
        long size;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            size = total;
            bytes = total > limit ? null : body.toByteArray();
        }
        if (bytes == null) {
            outcome.tooLarge(size);
        } else {
            outcome.body(bytes);
        }
    }

    @Override
    public void onError(Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        outcome.failed(cause);
    }

    /**
     * Fails the body if it is late or slow at {@code nowMillis}.
     *
     * @return whether this reader is done (and can be forgotten)
     */
    boolean check(long nowMillis) {
        String why;
        synchronized (this) {
            if (finished) {
                return true;
            }
            long elapsed = nowMillis - startMillis;
            if (elapsed > timeoutMillis) {
                why = "the request body did not arrive within " + timeoutMillis / 1000 + " s (" + total
                        + " bytes received; request.timeout.seconds)";
            } else if (minBytesPerSecond > 0
                    && elapsed > RATE_GRACE_MILLIS
                    && total * 1000 < minBytesPerSecond * (elapsed - RATE_GRACE_MILLIS)) {
                why = "the request body arrives slower than " + minBytesPerSecond + " bytes/s (" + total + " bytes in "
                        + elapsed + " ms; request.min.bytes.per.second)";
            } else {
                return false;
            }
            finished = true;
        }
        outcome.tooSlow(why);
        return true;
    }
}
