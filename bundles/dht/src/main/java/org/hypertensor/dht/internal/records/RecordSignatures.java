package org.hypertensor.dht.internal.records;

import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.dht.api.DhtRecord;

/** Ed25519 signatures of records by their publisher (raw 32-byte public keys on the wire). */
public final class RecordSignatures {

    private RecordSignatures() {}

    public static DhtRecord sign(
            Signer publisher, byte[] recordKey, byte[] subkey, byte[] value, long sequence, long expiresAtMillis) {
        byte[] pub = publisher.publicKey();
        DhtRecord unsigned = new DhtRecord(recordKey, subkey, value, pub, sequence, expiresAtMillis, new byte[0]);
        return new DhtRecord(
                recordKey, subkey, value, pub, sequence, expiresAtMillis, publisher.sign(unsigned.signedBytes()));
    }

    public static boolean verify(DhtRecord record) {
        return Ed25519.verify(record.publisher(), record.signedBytes(), record.signature());
    }
}
