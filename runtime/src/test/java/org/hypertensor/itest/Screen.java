package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Everything a terminal showed, collected by a reader thread, with waits for what must appear. */
final class Screen {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Duration wait;

    /** A screen fed through {@link #sink()}, e.g. an SSH channel's output. */
    Screen(Duration wait) {
        this.wait = wait;
    }

    /** A screen fed by a process's output, read by a thread of its own. */
    Screen(InputStream in, Duration wait) {
        this(wait);
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            append(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "console-screen");
        reader.setDaemon(true);
        reader.start();
    }

    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                append(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                append(b, off, len);
            }
        };
    }

    private synchronized void append(byte[] buffer, int offset, int length) {
        bytes.write(buffer, offset, length);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized int length() {
        return text().length();
    }

    synchronized boolean shows(String expected, int from) {
        return text().indexOf(expected, from) >= 0;
    }

    synchronized void awaitQuietly(String expected, int from, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left;
        while (!shows(expected, from) && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized void await(String what, String expected, int from) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (text().indexOf(expected, from) < 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            assertTrue(left > 0, "no " + what + " ('" + expected + "') on the console:\n" + text());
            wait(left);
        }
    }
}
