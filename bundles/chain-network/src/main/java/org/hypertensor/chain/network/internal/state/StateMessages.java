package org.hypertensor.chain.network.internal.state;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * The state protocol's messages (protobuf), one request and one response per stream:
 *
 * <pre>
 * Request  { 1: block number, 2: from key hash (32 bytes), 3: most leaves }
 * Response { 1: repeated Leaf { 1: key, 2: value }, 2: first leaf's proof, 3: last leaf's proof, 4: error text }
 * </pre>
 *
 * The leaves are the state's first {@code most} (or fewer) after block {@code number} whose key hash is
 * {@code >= from}, in key-hash order; the proofs are the encoded inclusion {@code StateProof}s of the first
 * and the last of them (the second empty for one leaf). Decoding is strict: sizes over the state's limits,
 * a wrong hash length, a missing field are refused.
 */
public final class StateMessages {

    /** Most leaves one request may ask for. */
    public static final int MAX_LEAVES = 65_536;

    static final int MAX_REQUEST_BYTES = 64;

    /** What one answer may hold; a server stops adding leaves before it (the client reads a bit more). */
    public static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    private static final int MAX_KEY = 256;
    private static final int MAX_VALUE = 1024 * 1024;
    private static final int MAX_PROOF = 1 + 2 + MAX_KEY + 4 + MAX_VALUE + 2 + 256 * 33;

    private StateMessages() {}

    public record Request(long number, byte[] from, int max) {}

    /** A chunk, or the reason the peer does not serve it (then the chunk is empty and not to be verified). */
    public record Response(StateChunk chunk, String error) {}

    public static byte[] encode(Request r) {
        return new ProtoWriter()
                .varint(1, r.number())
                .bytes(2, r.from())
                .varint(3, r.max())
                .toByteArray();
    }

    public static Request decodeRequest(byte[] data) {
        long number = -1;
        byte[] from = null;
        long max = 0;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> number = in.varint();
                case 2 -> from = in.bytes();
                case 3 -> max = in.varint();
                default -> in.skip();
            }
        }
        if (number < 1) {
            throw new MalformedInputException("a state request needs a block number above 0");
        }
        if (from == null || from.length != KeyHashes.LENGTH) {
            throw new MalformedInputException("a state request needs a 32-byte key hash to start from");
        }
        if (max < 2 || max > MAX_LEAVES) {
            throw new MalformedInputException("a state request asks for 2 to " + MAX_LEAVES + " leaves");
        }
        return new Request(number, from, (int) max);
    }

    public static byte[] encode(Response r) {
        ProtoWriter out = new ProtoWriter();
        for (StateChunk.Leaf leaf : r.chunk().leaves()) {
            out.message(1, new ProtoWriter().bytes(1, leaf.key()).bytes(2, leaf.value()));
        }
        out.bytes(2, r.chunk().firstProof()).bytes(3, r.chunk().lastProof());
        if (r.error() != null) {
            out.string(4, r.error());
        }
        return out.toByteArray();
    }

    public static Response decodeResponse(byte[] data) {
        List<StateChunk.Leaf> leaves = new ArrayList<>();
        byte[] first = new byte[0];
        byte[] last = new byte[0];
        String error = null;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> leaves.add(leaf(in.bytes()));
                case 2 -> first = limited(in.bytes(), MAX_PROOF, "proof");
                case 3 -> last = limited(in.bytes(), MAX_PROOF, "proof");
                case 4 -> error = in.string();
                default -> in.skip();
            }
        }
        if (leaves.size() > MAX_LEAVES) {
            throw new MalformedInputException("a state chunk of more than " + MAX_LEAVES + " leaves");
        }
        return new Response(new StateChunk(leaves, first, last), error);
    }

    private static StateChunk.Leaf leaf(byte[] data) {
        byte[] key = null;
        byte[] value = null;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> key = limited(in.bytes(), MAX_KEY, "key");
                case 2 -> value = limited(in.bytes(), MAX_VALUE, "value");
                default -> in.skip();
            }
        }
        if (key == null) {
            throw new MalformedInputException("a state leaf without its key");
        }
        return new StateChunk.Leaf(key, value == null ? new byte[0] : value);
    }

    private static byte[] limited(byte[] bytes, int max, String what) {
        if (bytes.length > max) {
            throw new MalformedInputException(
                    "a state " + what + " of " + bytes.length + " bytes (at most " + max + ")");
        }
        return bytes;
    }
}
