package org.hypertensor.inference.net.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * One length-prefixed protobuf message of {@code /hypertensor/inference/1.0.0} and
 * {@code /hypertensor/forward/1.0.0}: exactly one of its fields is set. A tensor follows its header
 * ({@link Step}, {@link Result}, {@link Forward}) as {@link Chunk}s, so no single message bounds its size.
 *
 * <pre>
 * Frame { Open open = 1; Opened opened = 2; Step step = 3; Chunk chunk = 4; Result result = 5;
 *         Close close = 6; Error error = 7; Forward forward = 8; Receipt receipt = 9; }
 * Open { string model = 1; uint32 start = 2; uint32 end = 3; uint32 max_length = 4; uint32 batch = 5; }
 * Opened { uint32 max_length = 1; uint64 free_tokens = 2; }
 * Step { uint32 position = 1; repeated uint32 dims = 2; }     Result { uint32 position = 1; repeated uint32 dims = 2; }
 * Chunk { bytes data = 1; bool last = 2; }                     Close { }
 * Error { string code = 1; string message = 2; }
 * Forward { string model = 1; uint32 start = 2; uint32 end = 3; repeated uint32 dims = 4; uint64 epoch = 5; }
 * Receipt { bytes request_hash = 1; bytes output_hash = 2; uint64 epoch = 3; bytes signature = 4; }
 * </pre>
 *
 * A forward's {@link Result} tensor is followed by the server's {@link Receipt}: its node-key signature over
 * (request hash, output hash, epoch), so a wrong answer is attributable ({@code ForwardDigests}).
 */
public sealed interface Frame {

    int MAX_DIMS = 3;
    int MAX_TEXT = 256;

    byte[] encode();

    record Open(String model, int start, int end, int maxLength, int batch) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(
                    1,
                    new ProtoWriter()
                            .string(1, model)
                            .varint(2, start)
                            .varint(3, end)
                            .varint(4, maxLength)
                            .varint(5, batch));
        }
    }

    record Opened(int maxLength, long freeTokens) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(2, new ProtoWriter().varint(1, maxLength).varint(2, freeTokens));
        }
    }

    /** A step's header: the hidden states {@code dims} that follow, starting at {@code position}. */
    record Step(int position, int[] dims) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(3, withDims(new ProtoWriter().varint(1, position), 2, dims));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && s.position == position && Arrays.equals(s.dims, dims);
        }

        @Override
        public int hashCode() {
            return 31 * position + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return "Step[position=" + position + ", dims=" + Arrays.toString(dims) + "]";
        }
    }

    record Chunk(byte[] data, boolean last) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(4, new ProtoWriter().bytes(1, data).bool(2, last));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.last == last && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) + (last ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Chunk[" + data.length + " bytes" + (last ? ", last" : "") + "]";
        }
    }

    record Result(int position, int[] dims) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(5, withDims(new ProtoWriter().varint(1, position), 2, dims));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && r.position == position && Arrays.equals(r.dims, dims);
        }

        @Override
        public int hashCode() {
            return 31 * position + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return "Result[position=" + position + ", dims=" + Arrays.toString(dims) + "]";
        }
    }

    record Close() implements Frame {
        @Override
        public byte[] encode() {
            return wrap(6, new ProtoWriter());
        }
    }

    /** A refusal: {@code code} is one of {@link ErrorCode}'s names, {@code message} one line for people. */
    record Error(String code, String message) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(7, new ProtoWriter().string(1, code).string(2, message));
        }
    }

    /** A stateless forward through blocks {@code start:end}; {@code epoch} is the requester's, signed back. */
    record Forward(String model, int start, int end, int[] dims, long epoch) implements Frame {

        /** A forward outside any probe (epoch 0). */
        public Forward(String model, int start, int end, int[] dims) {
            this(model, start, end, dims, 0);
        }

        @Override
        public byte[] encode() {
            return wrap(
                    8,
                    withDims(new ProtoWriter().string(1, model).varint(2, start).varint(3, end), 4, dims)
                            .varint(5, epoch));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Forward f
                    && f.model.equals(model)
                    && f.start == start
                    && f.end == end
                    && f.epoch == epoch
                    && Arrays.equals(f.dims, dims);
        }

        @Override
        public int hashCode() {
            return model.hashCode() + 31 * start + 961 * end + Arrays.hashCode(dims) + Long.hashCode(epoch);
        }

        @Override
        public String toString() {
            return "Forward[" + model + ", " + start + ":" + end + ", dims=" + Arrays.toString(dims) + ", epoch="
                    + epoch + "]";
        }
    }

    /** The server's signature over a forward's (request hash, output hash, epoch). */
    record Receipt(byte[] requestHash, byte[] outputHash, long epoch, byte[] signature) implements Frame {
        @Override
        public byte[] encode() {
            return wrap(
                    9,
                    new ProtoWriter()
                            .bytes(1, requestHash)
                            .bytes(2, outputHash)
                            .varint(3, epoch)
                            .bytes(4, signature));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Receipt r
                    && r.epoch == epoch
                    && Arrays.equals(r.requestHash, requestHash)
                    && Arrays.equals(r.outputHash, outputHash)
                    && Arrays.equals(r.signature, signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(requestHash) + 31 * Arrays.hashCode(outputHash) + Long.hashCode(epoch);
        }

        @Override
        public String toString() {
            return "Receipt[epoch=" + epoch + "]";
        }
    }

    private static byte[] wrap(int field, ProtoWriter body) {
        return new ProtoWriter().message(field, body).toByteArray();
    }

    private static ProtoWriter withDims(ProtoWriter w, int field, int[] dims) {
        for (int d : dims) {
            w.varint(field, d);
        }
        return w;
    }

    /**
     * Decodes one frame strictly: exactly one known field, of the right wire type, with values in range.
     *
     * @throws MalformedInputException with a one-line reason
     */
    static Frame decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        Frame frame = null;
        while (r.next()) {
            if (r.field() < 1 || r.field() > 9) {
                throw new MalformedInputException("unknown frame field " + r.field());
            }
            if (frame != null) {
                throw new MalformedInputException("a frame holds more than one message");
            }
            if (r.wireType() != ProtoWriter.LEN) {
                throw new MalformedInputException("frame field " + r.field() + " is not a message");
            }
            byte[] body = r.bytes();
            frame = switch (r.field()) {
                case 1 -> decodeOpen(body);
                case 2 -> decodeOpened(body);
                case 3 -> decodeStep(body);
                case 4 -> decodeChunk(body);
                case 5 -> decodeResult(body);
                case 6 -> decodeClose(body);
                case 7 -> decodeError(body);
                case 8 -> decodeForward(body);
                default -> decodeReceipt(body);
            };
        }
        if (frame == null) {
            throw new MalformedInputException("empty frame");
        }
        return frame;
    }

    private static Frame decodeOpen(byte[] body) {
        Fields f = Fields.read(body, Kind.TEXT, Kind.INT, Kind.INT, Kind.INT, Kind.INT);
        return new Open(f.text(1), f.num(2), f.num(3), f.num(4), f.num(5));
    }

    private static Frame decodeOpened(byte[] body) {
        Fields f = Fields.read(body, Kind.INT, Kind.LONG);
        return new Opened(f.num(1), f.big(2));
    }

    private static Frame decodeStep(byte[] body) {
        Fields f = Fields.read(body, Kind.INT, Kind.DIMS);
        return new Step(f.num(1), f.dims());
    }

    private static Frame decodeResult(byte[] body) {
        Fields f = Fields.read(body, Kind.INT, Kind.DIMS);
        return new Result(f.num(1), f.dims());
    }

    private static Frame decodeChunk(byte[] body) {
        Fields f = Fields.read(body, Kind.BYTES, Kind.INT);
        if (f.num(2) > 1) {
            throw new MalformedInputException("chunk field 2 is not a bool");
        }
        return new Chunk(f.data(1), f.num(2) == 1);
    }

    private static Frame decodeClose(byte[] body) {
        Fields.read(body);
        return new Close();
    }

    private static Frame decodeError(byte[] body) {
        Fields f = Fields.read(body, Kind.TEXT, Kind.TEXT);
        return new Error(f.text(1), f.text(2));
    }

    private static Frame decodeForward(byte[] body) {
        Fields f = Fields.read(body, Kind.TEXT, Kind.INT, Kind.INT, Kind.DIMS, Kind.LONG);
        return new Forward(f.text(1), f.num(2), f.num(3), f.dims(), f.big(5));
    }

    private static Frame decodeReceipt(byte[] body) {
        Fields f = Fields.read(body, Kind.BYTES, Kind.BYTES, Kind.LONG, Kind.BYTES);
        if (f.data(1).length != 32 || f.data(2).length != 32 || f.data(4).length != 64) {
            throw new MalformedInputException("a receipt holds two 32-byte hashes and a 64-byte signature");
        }
        return new Receipt(f.data(1), f.data(2), f.big(3), f.data(4));
    }

    /** What a sub-message field holds. */
    enum Kind {
        TEXT,
        BYTES,
        INT,
        LONG,
        DIMS
    }

    /** The fields of one sub-message, numbered from 1 in the order of its schema; any other field is refused. */
    final class Fields {
        private final long[] nums;
        private final byte[][] lens;
        private final int[] dims = new int[MAX_DIMS];
        private int dimCount;

        private Fields(int count) {
            nums = new long[count + 1];
            lens = new byte[count + 1][];
        }

        static Fields read(byte[] body, Kind... schema) {
            Fields f = new Fields(schema.length);
            ProtoReader r = new ProtoReader(body);
            while (r.next()) {
                int n = r.field();
                if (n > schema.length) {
                    throw new MalformedInputException("unknown field " + n);
                }
                Kind kind = schema[n - 1];
                switch (kind) {
                    case TEXT, BYTES -> f.lens[n] = r.bytes();
                    case LONG -> {
                        long v = r.varint();
                        if (v < 0) {
                            throw new MalformedInputException("field " + n + " out of range");
                        }
                        f.nums[n] = v;
                    }
                    case INT -> f.nums[n] = r.int32();
                    case DIMS -> {
                        if (f.dimCount == MAX_DIMS) {
                            throw new MalformedInputException("more than " + MAX_DIMS + " dimensions");
                        }
                        f.dims[f.dimCount++] = r.int32();
                    }
                }
            }
            return f;
        }

        int num(int n) {
            return (int) nums[n];
        }

        long big(int n) {
            return nums[n];
        }

        String text(int n) {
            byte[] b = data(n);
            if (b.length > MAX_TEXT) {
                throw new MalformedInputException("text field " + n + " longer than " + MAX_TEXT + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        byte[] data(int n) {
            return lens[n] == null ? new byte[0] : lens[n];
        }

        int[] dims() {
            return Arrays.copyOf(dims, dimCount);
        }
    }
}
