package org.hypertensor.p2p.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One multiplexed stream to a peer, already negotiated to a protocol. Writes respect the peer's receive
 * window (a write's future completes once its bytes are handed to the connection, so awaiting it is the
 * back-pressure); reading is what opens our own window again. Reads fail with a
 * {@link java.util.concurrent.TimeoutException} after the read timeout. Futures complete on the
 * connection's I/O thread: do not block in their callbacks.
 */
public interface P2pStream {

    /** The largest message {@link #readMessage} accepts unless told otherwise. */
    int DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;

    PeerId remotePeer();

    Multiaddr remoteAddress();

    String protocol();

    /** True when this side opened the stream. */
    boolean initiator();

    CompletableFuture<Void> write(byte[] data);

    /** Writes {@code uvarint(length) ‖ message}. */
    CompletableFuture<Void> writeMessage(byte[] message);

    /** The next bytes that arrived; an empty array once the peer closed its side. */
    CompletableFuture<byte[]> read();

    /** Exactly {@code n} bytes; fails with {@link java.io.EOFException} if the stream ends first. */
    CompletableFuture<byte[]> readExactly(int n);

    /** One {@code uvarint(length) ‖ message}; fails if the length is over {@code maxLength} or the stream ends. */
    CompletableFuture<byte[]> readMessage(int maxLength);

    /** Closes our writing side (yamux FIN); the peer may still write. */
    CompletableFuture<Void> closeWrite();

    /** Aborts the stream both ways (yamux RST). */
    void reset();

    /** Completes when the stream is gone (both sides closed, reset, or the connection ended). */
    CompletableFuture<Void> closed();

    /** How long a read or a write waits before failing; default from the node's config. */
    void setTimeout(Duration timeout);
}
