package org.hypertensor.inference.net.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.util.proto.MalformedInputException;

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
        write(header);
        float[] values = tensor.toArray();
        int total = values.length * Float.BYTES;
        int sent = 0;
        do {
            int n = Math.min(CHUNK_BYTES, total - sent);
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values, sent / Float.BYTES, n / Float.BYTES);
            sent += n;
            write(new Frame.Chunk(b.array(), sent == total));
        } while (sent < total);
    }

    /**
     * The next frame, waiting at most {@code timeout}.
     *
     * @throws ProtocolException MALFORMED when it does not decode
     * @throws IOException when the stream ends or fails, or on timeout ({@link StreamTimeoutException})
     */
    public Frame read(Duration timeout) throws IOException, ProtocolException {
        stream.setTimeout(timeout);
        byte[] bytes = await(stream.readMessage(MAX_FRAME), timeout);
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
    static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout) throws IOException {
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
