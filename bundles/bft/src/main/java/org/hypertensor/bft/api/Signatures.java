package org.hypertensor.bft.api;

import org.hypertensor.crypto.api.Ed25519;

/** Checks of the signatures messages carry. */
final class Signatures {

    private Signatures() {}

    /**
     * A copy of {@code signature}.
     *
     * @throws IllegalArgumentException if it is not 64 bytes
     */
    static byte[] copyChecked(byte[] signature) {
        if (signature == null || signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a signature is " + Ed25519.SIGNATURE_LENGTH + " bytes, got "
                    + (signature == null ? "none" : signature.length));
        }
        return signature.clone();
    }
}
