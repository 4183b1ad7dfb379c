package org.hypertensor.dht.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A value in the DHT, signed by its publisher. Under one key there is one record per subkey (a server
 * announcing a block uses its peer id as subkey); for the same key and subkey the valid record with
 * the higher sequence number wins.
 *
 * @param key the DHT key, e.g. {@code /hypertensor/<subnet>/block/<i>}
 * @param subkey the entry within the key (may be empty)
 * @param value the payload
 * @param publisher the publisher's raw 32-byte Ed25519 public key
 * @param sequence increases with each new version the publisher puts
 * @param expiresAtMillis wall-clock expiry, epoch milliseconds
 * @param signature Ed25519 over {@link #signedBytes()}
 */
public record DhtRecord(
        byte[] key,
        byte[] subkey,
        byte[] value,
        byte[] publisher,
        long sequence,
        long expiresAtMillis,
        byte[] signature) {

    private static final byte[] DOMAIN = "hypertensor-dht-record:".getBytes(StandardCharsets.US_ASCII);

    public DhtRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subkey, "subkey");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(signature, "signature");
    }

    /** What the publisher signs: a domain tag, then every field but the signature, length-prefixed. */
    public byte[] signedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN);
        for (byte[] part : new byte[][] {key, subkey, value, publisher}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        out.writeBytes(ByteBuffer.allocate(16)
                .putLong(sequence)
                .putLong(expiresAtMillis)
                .array());
        return out.toByteArray();
    }

    /** Bytes counted against size limits and quotas. */
    public int size() {
        return key.length + subkey.length + value.length + publisher.length + signature.length + 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhtRecord r
                && Arrays.equals(key, r.key)
                && Arrays.equals(subkey, r.subkey)
                && Arrays.equals(value, r.value)
                && Arrays.equals(publisher, r.publisher)
                && sequence == r.sequence
                && expiresAtMillis == r.expiresAtMillis
                && Arrays.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(subkey), sequence, Arrays.hashCode(publisher));
    }

    @Override
    public String toString() {
        return "DhtRecord[key=" + new String(key, StandardCharsets.UTF_8) + ", seq=" + sequence + "]";
    }
}
