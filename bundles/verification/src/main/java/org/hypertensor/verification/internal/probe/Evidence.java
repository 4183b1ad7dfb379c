package org.hypertensor.verification.internal.probe;

import java.util.HexFormat;
import org.hypertensor.inference.net.api.SignedForward;

/**
 * A failed probe, attributable: the target's signed answer (its signature over request hash, output hash and
 * epoch, which anyone can check against its peer id) with the digest of the output this node expected.
 */
public record Evidence(long subnet, long epoch, byte[] expectedDigest, double maxError, SignedForward response) {

    public Evidence {
        expectedDigest = expectedDigest.clone();
    }

    @Override
    public byte[] expectedDigest() {
        return expectedDigest.clone();
    }

    public String target() {
        return response.server().toBase58();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
