package org.hypertensor.ledger.internal.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.util.files.DurableFiles;

/**
 * The head block's finality certificate, beside the chain's database. On a BFT chain the certificate of a
 * block is stored in its child's header, so the head's exists only in memory: this file keeps it across a
 * restart, so a restarted node serves its head to syncing peers at once. Format: {@code number u64 ‖
 * hash 32 ‖ bytes(certificate)}; a file for another block (a crash between the commit and the write) is
 * ignored — the head is then served once the next block exists, as without the file.
 */
final class HeadCertificateFile {

    private static final int MAX_CERTIFICATE = 4 * 1024 * 1024;

    private final Path path;

    HeadCertificateFile(Path path) {
        this.path = path;
    }

    void write(long number, byte[] hash, byte[] certificate) throws IOException {
        byte[] content = new Encoder(48 + certificate.length)
                .u64(number)
                .fixed(hash)
                .bytes(certificate)
                .toByteArray();
        DurableFiles.replace(path, content, false);
    }

    /** The certificate of block {@code number} with {@code hash}, if the file holds that one. */
    Optional<byte[]> read(long number, byte[] hash) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Decoder in = new Decoder(content);
            long n = in.u64();
            byte[] h = in.fixed(32);
            byte[] certificate = in.bytes(MAX_CERTIFICATE);
            in.finish();
            return n == number && Arrays.equals(h, hash) ? Optional.of(certificate) : Optional.empty();
        } catch (DecodeException e) {
            throw new IOException(path + " is not a head certificate file: " + e.getMessage(), e);
        }
    }
}
