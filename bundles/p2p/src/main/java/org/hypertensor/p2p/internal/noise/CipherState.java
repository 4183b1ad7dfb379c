package org.hypertensor.p2p.internal.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Noise's CipherState for ChaChaPoly: a key and a 64-bit counter; the 96-bit nonce is four zero bytes
 * followed by the counter in little-endian order. Not thread-safe (one per direction).
 */
public final class CipherState {

    public static final int TAG = 16;

    private final KeyParameter key;
    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] nonce = new byte[12];
    private long counter;

    public CipherState(byte[] key) {
        this.key = new KeyParameter(key.clone());
    }

    /** Encrypts {@code length} bytes of {@code in} from {@code offset} into {@code out} (length + 16 bytes). */
    public int encrypt(byte[] ad, byte[] in, int offset, int length, byte[] out, int outOffset) {
        init(true, ad);
        int n = cipher.processBytes(in, offset, length, out, outOffset);
        try {
            return n + cipher.doFinal(out, outOffset + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] encrypt(byte[] ad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG];
        encrypt(ad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Decrypts and authenticates; returns the plaintext length written to {@code out}.
     *
     * @throws MalformedInputException when the message does not authenticate
     */
    public int decrypt(byte[] ad, byte[] in, int offset, int length, byte[] out, int outOffset) {
        if (length < TAG) {
            throw new MalformedInputException("Noise message shorter than its tag");
        }
        init(false, ad);
        int n = cipher.processBytes(in, offset, length, out, outOffset);
        try {
            return n + cipher.doFinal(out, outOffset + n);
        } catch (InvalidCipherTextException e) {
            throw new MalformedInputException("Noise message failed to decrypt");
        }
    }

    public byte[] decrypt(byte[] ad, byte[] ciphertext) {
        byte[] out = new byte[Math.max(0, ciphertext.length - TAG)];
        decrypt(ad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    private void init(boolean encrypt, byte[] ad) {
        if (counter == -1L) {
            throw new IllegalStateException("Noise nonce exhausted");
        }
        long c = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (c >>> (8 * i));
        }
        cipher.init(encrypt, new AEADParameters(key, TAG * 8, nonce, ad));
    }
}
