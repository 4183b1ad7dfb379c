package org.hypertensor.dht.internal.records;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

import org.hypertensor.dht.api.DhtRecord;

/** Ed25519 signatures of records, with the JDK's provider (raw 32-byte public keys on the wire). */
public final class RecordSignatures {

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private RecordSignatures() {
    }

    public static DhtRecord sign(PrivateKey key, byte[] publisher, byte[] recordKey, byte[] subkey, byte[] value,
            long sequence, long expiresAtMillis) {
        DhtRecord unsigned = new DhtRecord(recordKey, subkey, value, publisher, sequence, expiresAtMillis, new byte[0]);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(unsigned.signedBytes());
            return new DhtRecord(recordKey, subkey, value, publisher, sequence, expiresAtMillis, s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign the record: " + e.getMessage(), e);
        }
    }

    public static boolean verify(DhtRecord record) {
        if (record.publisher().length != 32 || record.signature().length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey(record.publisher()));
            s.update(record.signedBytes());
            return s.verify(record.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The raw 32 bytes of a JDK Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
