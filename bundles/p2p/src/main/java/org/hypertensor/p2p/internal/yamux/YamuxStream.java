package org.hypertensor.p2p.internal.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.codec.FrameVarint;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.Varint;

/**
 * One yamux stream. Sending stops at the peer's window and resumes on its window updates; received
 * bytes wait in a buffer and the window is given back to the peer only as they are read, which is the
 * back-pressure a slow reader exerts. State lives on the session's event loop; public methods hop there.
 */
public final class YamuxStream implements P2pStream {

    private static final int MAX_READ_CHUNK = 1024 * 1024;

    private final YamuxSession session;
    private final int id;
    private final boolean initiator;
    private final ByteBuf inbound = Unpooled.buffer(0);
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private final ArrayDeque<PendingRead> reads = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> finWaiters = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile String protocol = "";
    private volatile Duration timeout;
    private long sendWindow = YamuxConfig.INITIAL_WINDOW;
    private long receiveWindow = YamuxConfig.INITIAL_WINDOW;
    private long unacknowledged;
    /** Bytes at the front of the buffer already given back to the peer's window for a read still waiting on them. */
    private long credited;

    private boolean finQueued;
    private boolean finSent;
    private boolean remoteFin;
    private boolean reset;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean serving;
    private boolean serveAgain;

    private static final class PendingWrite {
        final byte[] data;
        int offset;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        ScheduledFuture<?> timer;

        PendingWrite(byte[] data) {
            this.data = data;
        }
    }

    private enum ReadKind {
        ANY,
        EXACT,
        MESSAGE
    }

    private static final class PendingRead {
        final ReadKind kind;
        final int size;
        final CompletableFuture<byte[]> future = new CompletableFuture<>();
        ScheduledFuture<?> timer;

        PendingRead(ReadKind kind, int size) {
            this.kind = kind;
            this.size = size;
        }
    }

    YamuxStream(YamuxSession session, int id, boolean initiator) {
        this.session = session;
        this.id = id;
        this.initiator = initiator;
        this.timeout = session.streamTimeout();
        long extra = session.config.maxWindow() - YamuxConfig.INITIAL_WINDOW;
        this.receiveWindow += extra;
    }

    public int id() {
        return id;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public YamuxSession session() {
        return session;
    }

    @Override
    public PeerId remotePeer() {
        return session.peer();
    }

    @Override
    public Multiaddr remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean initiator() {
        return initiator;
    }

    @Override
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    long receiveWindow() {
        return receiveWindow;
    }

    // ---- writing

    @Override
    public CompletableFuture<Void> write(byte[] data) {
        PendingWrite w = new PendingWrite(data.clone());
        session.run(() -> {
            if (reset || finQueued) {
                w.future.completeExceptionally(new IOException(reset ? "stream reset" : "stream closed for writing"));
                return;
            }
            writes.add(w);
            w.timer = session.loop()
                    .schedule(
                            () -> {
                                if (!w.future.isDone()) {
                                    w.future.completeExceptionally(
                                            new TimeoutException("write timed out: the peer's window stayed closed"));
                                    resetLocally();
                                }
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
            pump();
        });
        return w.future;
    }

    @Override
    public CompletableFuture<Void> writeMessage(byte[] message) {
        byte[] out = new byte[Varint.size(message.length) + message.length];
        int pos = Varint.write(message.length, out, 0);
        System.arraycopy(message, 0, out, pos, message.length);
        return write(out);
    }

    @Override
    public CompletableFuture<Void> closeWrite() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        session.run(() -> {
            if (reset || finSent) {
                f.complete(null);
                return;
            }
            finQueued = true;
            finWaiters.add(f);
            pump();
        });
        return f;
    }

    /**
     * Sends what the window allows. Not re-entrant: a write made by a completion callback sets
     * {@code again} and is sent by the loop here, so chains of callbacks never deepen the stack.
     */
    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                pumpOnce();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    private void pumpOnce() {
        List<PendingWrite> done = new ArrayList<>();
        boolean wrote = false;
        while (!writes.isEmpty() && sendWindow > 0 && !reset) {
            PendingWrite w = writes.peek();
            int n = (int) Math.min(Math.min(w.data.length - w.offset, sendWindow), YamuxSession.MAX_FRAME_DATA);
            boolean last = w.offset + n == w.data.length;
            int flags = last && writes.size() == 1 && finQueued ? YamuxFrame.FIN : 0;
            ByteBuf frame = YamuxFrame.header(session.alloc(), YamuxFrame.DATA, flags, id, n, n);
            frame.writeBytes(w.data, w.offset, n);
            session.write(frame);
            wrote = true;
            w.offset += n;
            sendWindow -= n;
            if (last) {
                writes.poll();
                done.add(w);
                if (flags != 0) {
                    finSent = true;
                }
            }
        }
        if (writes.isEmpty() && finQueued && !finSent && !reset) {
            session.write(YamuxFrame.header(session.alloc(), YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, id, 0, 0));
            finSent = true;
            wrote = true;
        }
        if (wrote) {
            session.flush();
        }
        for (PendingWrite w : done) {
            if (w.timer != null) {
                w.timer.cancel(false);
            }
            w.future.complete(null);
        }
        if (finSent && !finWaiters.isEmpty()) {
            List<CompletableFuture<Void>> waiters = new ArrayList<>(finWaiters);
            finWaiters.clear();
            waiters.forEach(f -> f.complete(null));
            maybeFinished();
        }
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
        if (delta > 0) {
            pump();
        }
    }

    // ---- reading

    @Override
    public CompletableFuture<byte[]> read() {
        return enqueue(new PendingRead(ReadKind.ANY, 0));
    }

    @Override
    public CompletableFuture<byte[]> readExactly(int n) {
        return enqueue(new PendingRead(ReadKind.EXACT, n));
    }

    @Override
    public CompletableFuture<byte[]> readMessage(int maxLength) {
        return enqueue(new PendingRead(ReadKind.MESSAGE, maxLength));
    }

    private CompletableFuture<byte[]> enqueue(PendingRead r) {
        session.run(() -> {
            reads.add(r);
            serveReads();
            if (!r.future.isDone()) {
                r.timer = session.loop()
                        .schedule(
                                () -> {
                                    if (reads.remove(r)) {
                                        r.future.completeExceptionally(new TimeoutException(
                                                "read timed out after " + timeout.toMillis() + " ms"));
                                    }
                                },
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS);
            }
        });
        return r.future;
    }

    void onData(ByteBuf in, int n) {
        receiveWindow -= n;
        if (reset || remoteFin) {
            in.skipBytes(n);
            return;
        }
        inbound.writeBytes(in, n);
        serveReads();
    }

    /** Serves pending reads from the buffer; not re-entrant, for the same reason as {@link #pump()}. */
    private void serveReads() {
        if (serving) {
            serveAgain = true;
            return;
        }
        serving = true;
        try {
            do {
                serveAgain = false;
                serveOnce();
            } while (serveAgain);
        } finally {
            serving = false;
        }
    }

    private void serveOnce() {
        int consumed = 0;
        while (!reads.isEmpty()) {
            PendingRead r = reads.peek();
            if (reset) {
                fail(r, new IOException("stream reset"));
                continue;
            }
            int available = inbound.readableBytes();
            byte[] result = null;
            Throwable error = null;
            switch (r.kind) {
                case ANY -> {
                    if (available > 0) {
                        result = take(Math.min(available, MAX_READ_CHUNK));
                    } else if (remoteFin) {
                        result = new byte[0];
                    }
                }
                case EXACT -> {
                    if (available >= r.size) {
                        result = take(r.size);
                    } else if (remoteFin) {
                        error = new EOFException("stream ended after " + available + " of " + r.size + " bytes");
                    } else {
                        creditAwaited(available);
                    }
                }
                case MESSAGE -> {
                    int[] len = new int[1];
                    long length;
                    try {
                        length = FrameVarint.peek(inbound, len);
                    } catch (MalformedInputException e) {
                        length = FrameVarint.INCOMPLETE;
                        error = e;
                    }
                    if (error == null && length != FrameVarint.INCOMPLETE && length > r.size) {
                        error = new MalformedInputException(
                                "message of " + length + " bytes exceeds the limit of " + r.size);
                    }
                    if (error == null) {
                        if (length != FrameVarint.INCOMPLETE && available >= len[0] + length) {
                            inbound.skipBytes(len[0]);
                            consumed += uncredited(len[0]);
                            result = take((int) length);
                        } else if (remoteFin) {
                            error = new EOFException(available == 0 ? "stream ended" : "stream ended inside a message");
                        } else if (length != FrameVarint.INCOMPLETE) {
                            creditAwaited(available);
                        }
                    }
                }
            }
            if (result != null) {
                consumed += uncredited(result.length);
                reads.poll();
                if (r.timer != null) {
                    r.timer.cancel(false);
                }
                r.future.complete(result);
            } else if (error != null) {
                fail(r, error);
                if (error instanceof MalformedInputException) {
                    resetLocally();
                }
            } else {
                break;
            }
        }
        inbound.discardSomeReadBytes();
        if (consumed > 0) {
            giveBack(consumed);
        }
        maybeFinished();
    }

    /**
     * The waiting read has accepted a message (or exact count) longer than what is buffered: give the buffered part
     * back to the peer's window now, or a message larger than the window would never arrive.
     */
    private void creditAwaited(int buffered) {
        if (buffered > credited) {
            int more = (int) (buffered - credited);
            credited = buffered;
            giveBack(more);
        }
    }

    /** Of {@code n} bytes just taken from the front of the buffer, those not yet given back. */
    private int uncredited(int n) {
        long fromCredit = Math.min(credited, n);
        credited -= fromCredit;
        return (int) (n - fromCredit);
    }

    private byte[] take(int n) {
        byte[] out = new byte[n];
        inbound.readBytes(out);
        return out;
    }

    private void fail(PendingRead r, Throwable error) {
        reads.remove(r);
        if (r.timer != null) {
            r.timer.cancel(false);
        }
        r.future.completeExceptionally(error);
    }

    /** Returns consumed bytes to the peer's window once half of our window is used up. */
    private void giveBack(int n) {
        if (reset || remoteFin) {
            return;
        }
        unacknowledged += n;
        if (unacknowledged >= session.config.maxWindow() / 2) {
            session.write(YamuxFrame.header(session.alloc(), YamuxFrame.WINDOW_UPDATE, 0, id, unacknowledged, 0));
            session.flush();
            receiveWindow += unacknowledged;
            unacknowledged = 0;
        }
    }

    // ---- closing

    void onFlags(int flags) {
        if ((flags & YamuxFrame.RST) != 0) {
            terminate(new IOException("stream reset by the peer"));
            return;
        }
        if ((flags & YamuxFrame.FIN) != 0 && !remoteFin) {
            remoteFin = true;
            serveReads();
        }
    }

    @Override
    public void reset() {
        session.run(this::resetLocally);
    }

    void resetLocally() {
        if (reset) {
            return;
        }
        session.write(YamuxFrame.header(session.alloc(), YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, id, 0, 0));
        session.flush();
        terminate(new IOException("stream reset"));
    }

    void onConnectionLost() {
        terminate(new IOException("connection closed"));
    }

    private void terminate(IOException why) {
        if (reset) {
            return;
        }
        reset = true;
        for (PendingWrite w : writes) {
            if (w.timer != null) {
                w.timer.cancel(false);
            }
            w.future.completeExceptionally(why);
        }
        writes.clear();
        finWaiters.forEach(f -> f.complete(null));
        finWaiters.clear();
        while (!reads.isEmpty()) {
            fail(reads.peek(), why);
        }
        inbound.clear();
        session.removeStream(this);
        closed.complete(null);
    }

    private void maybeFinished() {
        if (!reset && finSent && remoteFin && reads.isEmpty() && !closed.isDone()) {
            session.removeStream(this);
            closed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "stream " + id + " " + protocol + " with " + session.peer().shortString();
    }
}
