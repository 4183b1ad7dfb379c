package org.hypertensor.store.internal.db;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.state.StateSnapshot;

/**
 * The stored forms of state (docs/state.md, "Database"): a block's changeset is a sequence of
 * {@code op u8 (0 delete, 1 put) ‖ keyLength u16 ‖ key ‖ [valueLength u32 ‖ value]}; a snapshot chunk is a
 * sequence of {@code keyLength u16 ‖ key ‖ valueLength u32 ‖ value}. Big-endian; entries in key-hash order.
 */
final class StateCodec {
    private StateCodec() {}

    /** Builds a changeset. */
    static final class ChangesetWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(bytes);
        private int count;

        void put(byte[] key, byte[] value) {
            try {
                out.writeByte(1);
                writeEntry(out, key, value);
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void delete(byte[] key) {
            try {
                out.writeByte(0);
                out.writeShort(key.length);
                out.write(key);
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int count() {
            return count;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private static void writeEntry(DataOutputStream out, byte[] key, byte[] value) throws IOException {
        out.writeShort(key.length);
        out.write(key);
        out.writeInt(value.length);
        out.write(value);
    }

    /** Applies a changeset to an overlay; returns the number of entries. */
    static int apply(byte[] changeset, StateOverlay overlay) {
        ByteBuffer in = ByteBuffer.wrap(changeset);
        int count = 0;
        try {
            while (in.hasRemaining()) {
                int op = in.get();
                byte[] key = take(in, in.getShort() & 0xffff, StateOverlay.MAX_KEY_BYTES);
                if (op == 1) {
                    overlay.put(key, take(in, in.getInt(), StateOverlay.MAX_VALUE_BYTES));
                } else if (op == 0) {
                    overlay.delete(key);
                } else {
                    throw new IllegalArgumentException("unknown changeset operation " + op);
                }
                count++;
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("changeset truncated");
        }
        return count;
    }

    /** Splits a state into chunks of about {@code chunkBytes}. */
    static List<byte[]> snapshotChunks(StateSnapshot state, int chunkBytes) {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(chunkBytes + (1 << 16));
        DataOutputStream out = new DataOutputStream(bytes);
        state.forEachEntry((key, value) -> {
            try {
                writeEntry(out, key, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes.size() >= chunkBytes) {
                chunks.add(bytes.toByteArray());
                bytes.reset();
            }
        });
        if (bytes.size() > 0) {
            chunks.add(bytes.toByteArray());
        }
        return chunks;
    }

    /** Reads a snapshot chunk into {@code entries}. */
    static void readChunk(byte[] chunk, List<StateSnapshot.StoredEntry> entries) {
        ByteBuffer in = ByteBuffer.wrap(chunk);
        try {
            while (in.hasRemaining()) {
                byte[] key = take(in, in.getShort() & 0xffff, StateOverlay.MAX_KEY_BYTES);
                entries.add(
                        new StateSnapshot.StoredEntry(null, key, take(in, in.getInt(), StateOverlay.MAX_VALUE_BYTES)));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("snapshot chunk truncated");
        }
    }

    private static byte[] take(ByteBuffer in, int length, int max) {
        if (length < 0 || length > max || length > in.remaining()) {
            throw new IllegalArgumentException("stored entry length " + length + " is invalid");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
