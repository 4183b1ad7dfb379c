package org.hypertensor.bft.internal.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Step;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.util.files.DurableFiles;

/**
 * The double-sign guard in one small file: {@code height u64, round u32, step u8, option(value 32)}
 * followed by the BLAKE2b-256 of those bytes. Each record is written to a temporary file, forced to
 * disk, renamed over the old one atomically and the folder forced, so a crash leaves the old or the new
 * record, never a torn one. A file that does not check out is refused (the validator must not guess
 * what it signed). Thread-safe.
 */
public final class FileSignGuard implements SignGuard {

    private final Path file;
    private final Path temporary;
    private SignRecord last;

    /**
     * Opens the guard file (absent: nothing signed yet).
     *
     * @throws IOException if it cannot be read or is corrupt
     */
    public FileSignGuard(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Path name = this.file.getFileName();
        if (name == null) {
            throw new IOException("double-sign guard: " + file + " is not a file path");
        }
        this.temporary = this.file.resolveSibling(name + ".tmp");
        this.last = read(this.file);
    }

    @Override
    public synchronized SignRecord last() {
        return last;
    }

    @Override
    public synchronized void record(SignRecord next) throws IOException {
        if (last != null && !last.allows(next)) {
            throw new IllegalStateException("double-sign guard: refusing " + next + " after " + last);
        }
        if (next.equals(last)) {
            return; // already durable
        }
        DurableFiles.replace(file, encode(next), false);
        last = next;
    }

    static byte[] encode(SignRecord record) {
        Encoder encoder = new Encoder(80);
        encoder.u64(record.height()).u32(record.round()).u8(record.step().code());
        encoder.option(record.value(), (e, v) -> e.fixed(v.bytes()));
        byte[] body = encoder.toByteArray();
        return new Encoder(body.length + 32)
                .fixed(body)
                .fixed(Hashes.blake2b256(body))
                .toByteArray();
    }

    private static SignRecord read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 32) {
            throw new IOException("double-sign guard file " + file + " is corrupt (too short)");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        byte[] sum = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        if (!Arrays.equals(sum, Hashes.blake2b256(body))) {
            throw new IOException("double-sign guard file " + file + " is corrupt (checksum)");
        }
        try {
            Decoder decoder = new Decoder(body);
            long height = decoder.u64();
            long round = decoder.u32();
            Step step = Step.ofCode(decoder.u8());
            BlockHash value = decoder.option(d -> BlockHash.of(d.fixed(BlockHash.LENGTH)));
            decoder.finish();
            if (height < 0 || round > Integer.MAX_VALUE) {
                throw new DecodeException("height or round out of range");
            }
            return new SignRecord(height, (int) round, step, value);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IOException("double-sign guard file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FileSignGuard[" + file + "]";
    }
}
