package org.hypertensor.crypto.internal.keystore;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt cost parameters (RFC 7914): {@code n = 2^log2n} (CPU and memory), {@code r} (block size),
 * {@code p} (parallelism). Memory use is {@code 128 · r · n} bytes: 32 MiB for the defaults.
 */
record ScryptParams(int log2n, int r, int p) {

    /** Bounds for files read from disk, so a hostile file cannot ask for gigabytes or hours. */
    static final int MIN_LOG2N = 10;

    static final int MAX_LOG2N = 20;
    static final int MAX_R = 32;
    static final int MAX_P = 16;

    ScryptParams {
        if (log2n < MIN_LOG2N || log2n > MAX_LOG2N) {
            throw new IllegalArgumentException("scrypt log2(N) " + log2n + " outside " + MIN_LOG2N + ".." + MAX_LOG2N);
        }
        if (r < 1 || r > MAX_R) {
            throw new IllegalArgumentException("scrypt r " + r + " outside 1.." + MAX_R);
        }
        if (p < 1 || p > MAX_P) {
            throw new IllegalArgumentException("scrypt p " + p + " outside 1.." + MAX_P);
        }
    }

    /** The parameters of a file's {@code n} (a power of two), {@code r} and {@code p}. */
    static ScryptParams ofN(long n, long r, long p) {
        if (n <= 0 || Long.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N " + n + " is not a power of two");
        }
        if (r > MAX_R || p > MAX_P) {
            throw new IllegalArgumentException("scrypt r " + r + " / p " + p + " out of range");
        }
        return new ScryptParams(Long.numberOfTrailingZeros(n), (int) r, (int) p);
    }

    int n() {
        return 1 << log2n;
    }

    /** A 32-byte key from the password bytes and salt. */
    byte[] deriveKey(byte[] password, byte[] salt) {
        return SCrypt.generate(password, salt, n(), r, p, 32);
    }
}
