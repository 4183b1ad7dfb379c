package org.hypertensor.inference.net.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.Varint;

/**
 * Blocking frame I/O on one stream: length-prefixed {@link Frame}s, and tensors as a header followed by
 * little-endian float32 {@link Frame.Chunk}s of at most {@value #CHUNK_BYTES} bytes.
 */
public final class FrameStream {

    /**
     * Bytes of tensor data per chunk: well under the 256 KiB yamux window, since a message is consumed (and
     * the window given back) only once it has arrived whole.
     */
    public static final int CHUNK_BYTES = 64 * 1024;
    /** The largest frame accepted: a chunk with its framing. */
    public static final int MAX_FRAME = CHUNK_BYTES + 1024;

    private final P2pStream stream;
    /** Reads posted ahead, oldest first (the stream serves its reads in the same order). */
    private final ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();

    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

    public FrameStream(P2pStream stream) {
        this.stream = stream;
    }

    public P2pStream stream() {
        return stream;
    }

    public void write(Frame frame) throws IOException {
        await(stream.writeMessage(frame.encode()), null);
    }

    /** Writes a header frame and then {@code tensor}'s data in chunks. */
    public void writeTensor(Frame header, Tensor tensor) throws IOException {
        await(postTensor(header, tensor), null);
    }

    /**
     * Hands a header frame and {@code tensor}'s chunks to the stream without waiting for them to be sent:
     * the header and the first chunk go as one write (one flush, one packet for a decode step). Writes stay
     * in order; {@link #awaitWrites()} waits for them and reports their failure.
     *
     * @return completes when the last of them was handed to the connection
     */
    public CompletableFuture<Void> postTensor(Frame header, Tensor tensor) {
        float[] values = tensor.toArray();
        int total = values.length * Float.BYTES;
        int sent = 0;
        byte[] pending = header.encode();
        CompletableFuture<Void> last = null;
        do {
            int n = Math.min(CHUNK_BYTES, total - sent);
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values, sent / Float.BYTES, n / Float.BYTES);
            sent += n;
            byte[] chunk = new Frame.Chunk(b.array(), sent == total).encode();
            last = stream.write(pending == null ? framed(chunk) : framed(pending, chunk));
            pending = null;
        } while (sent < total);
        lastWrite = last;
        return last;
    }

    /** Waits until every posted write was handed to the connection; fails if one failed. */
    public void awaitWrites() throws IOException {
        await(lastWrite, null);
    }

    /**
     * Posts {@code frames} reads now, so frames that arrive together are taken in one pass of the
     * connection's thread instead of one wake-up each. {@link #read} takes them in order. A read that
     * times out leaves the ones behind it out of step: after a timeout the stream must be given up.
     */
    public void readAhead(int frames, Duration timeout) {
        if (frames > 0) {
            stream.setTimeout(timeout);
            for (int i = 0; i < frames; i++) {
                ahead.add(stream.readMessage(MAX_FRAME));
            }
        }
    }

    /** Reads posted by {@link #readAhead} not taken yet. */
    public int readsAhead() {
        return ahead.size();
    }

    /** Chunks a tensor of {@code elements} floats is sent in. */
    public static int chunks(long elements) {
        return (int) Math.max(1, (elements * Float.BYTES + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    /** Length-prefixed messages as one buffer: the same bytes as one {@code writeMessage} each. */
    private static byte[] framed(byte[]... messages) {
        int size = 0;
        for (byte[] m : messages) {
            size += Varint.size(m.length) + m.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] m : messages) {
            pos = Varint.write(m.length, out, pos);
            System.arraycopy(m, 0, out, pos, m.length);
            pos += m.length;
        }
        return out;
    }

    /**
     * The next frame, waiting at most {@code timeout}.
     *
     * @throws ProtocolException MALFORMED when it does not decode
     * @throws IOException when the stream ends or fails, or on timeout ({@link StreamTimeoutException})
     */
    public Frame read(Duration timeout) throws IOException, ProtocolException {
        CompletableFuture<byte[]> next = ahead.poll();
        if (next == null) {
            stream.setTimeout(timeout);
            next = stream.readMessage(MAX_FRAME);
        }
        byte[] bytes = await(next, timeout);
        try {
            return Frame.decode(bytes);
        } catch (MalformedInputException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "malformed frame: " + e.getMessage());
        }
    }

    /**
     * The chunks of a tensor of {@code dims} (already checked by the caller): exactly its bytes, the last
     * chunk flagged.
     */
    public Tensor readTensor(int[] dims, Duration timeout) throws IOException, ProtocolException {
        long elements = 1;
        for (int d : dims) {
            elements *= d;
        }
        float[] values = new float[(int) elements];
        long total = elements * Float.BYTES;
        long received = 0;
        readAhead(chunks(elements) - ahead.size(), timeout);
        while (true) {
            Frame f = read(timeout);
            if (!(f instanceof Frame.Chunk c)) {
                throw new ProtocolException(ErrorCode.MALFORMED, "expected a tensor chunk, got " + name(f));
            }
            if (c.data().length % Float.BYTES != 0 || received + c.data().length > total) {
                throw new ProtocolException(
                        ErrorCode.SHAPE,
                        "tensor chunks carry more than the " + total + " bytes of shape "
                                + java.util.Arrays.toString(dims));
            }
            ByteBuffer.wrap(c.data())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values, (int) (received / Float.BYTES), c.data().length / Float.BYTES);
            received += c.data().length;
            if (c.last()) {
                if (received != total) {
                    throw new ProtocolException(
                            ErrorCode.SHAPE,
                            "tensor chunks carry " + received + " bytes, shape " + java.util.Arrays.toString(dims)
                                    + " needs " + total);
                }
                return Tensor.wrap(values, dims);
            }
        }
    }

    /** Sends an error frame and closes our side (best effort). */
    public void fail(ProtocolException e) {
        try {
            write(new Frame.Error(e.code().name(), e.getMessage()));
            await(stream.closeWrite(), Duration.ofSeconds(5));
        } catch (IOException ignored) {
            stream.reset(); // the peer is gone or does not read: nothing more to say
        }
    }

    public static String name(Frame f) {
        return f.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** Waits for a stream future; its failure becomes an IOException. */
    static <T> T await(CompletableFuture<T> f, Duration timeout) throws IOException {
        try {
            return timeout == null ? f.get() : f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (TimeoutException e) {
            throw new StreamTimeoutException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TimeoutException) {
                throw new StreamTimeoutException(
                        "no answer within " + (timeout == null ? "the stream timeout" : timeout.toMillis() + " ms"));
            }
            if (c instanceof MalformedInputException m) {
                throw new IOException("bad frame length: " + m.getMessage());
            }
            throw c instanceof IOException io ? io : new IOException(String.valueOf(c.getMessage()), c);
        }
    }

    /** A read that waited longer than allowed. */
    public static final class StreamTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        public StreamTimeoutException(String message) {
            super(message);
        }
    }
}
