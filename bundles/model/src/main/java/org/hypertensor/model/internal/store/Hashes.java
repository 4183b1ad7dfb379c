package org.hypertensor.model.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hypertensor.model.api.LoadProgress;

/** SHA-256 of bytes and files, as lower-case hex. */
public final class Hashes {

    private Hashes() {}

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(Path file, LoadProgress progress) throws IOException {
        MessageDigest md = digest();
        long total = Files.size(file);
        long done = 0;
        long reported = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                done += n;
                if (done - reported >= (64 << 20) || done == total) {
                    progress.progress("verifying " + file.getFileName(), done, total);
                    reported = done;
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
