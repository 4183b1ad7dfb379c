package org.hypertensor.dht.internal.wire;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * What this node puts in a libp2p {@code Record.value}: the signed entries of one key, one per subkey.
 * {@code RecordSet { repeated Entry entry = 1 }}, {@code Entry { subkey=1, value=2, publisher=3,
 * sequence=4, expiresAtMillis=5, signature=6 }}; the key itself is the libp2p record's key. A PUT carries
 * the publisher's one entry, a GET answer every entry the peer holds under the key.
 */
public final class RecordSetCodec {

    /** Most entries one record may carry (a key has one per publisher: servers of one block). */
    public static final int MAX_ENTRIES = 1024;

    private RecordSetCodec() {}

    public static byte[] encode(List<DhtRecord> entries) {
        ProtoWriter set = new ProtoWriter();
        for (DhtRecord r : entries) {
            set.bytes(
                    1,
                    new ProtoWriter()
                            .bytes(1, r.subkey())
                            .bytes(2, r.value())
                            .bytes(3, r.publisher())
                            .varint(4, r.sequence())
                            .varint(5, r.expiresAtMillis())
                            .bytes(6, r.signature())
                            .toByteArray());
        }
        return set.toByteArray();
    }

    /** The entries of a record under {@code key}; signatures are not checked here. */
    public static List<DhtRecord> decode(byte[] key, byte[] value) {
        ProtoReader r = new ProtoReader(value);
        List<DhtRecord> out = new ArrayList<>();
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            if (out.size() == MAX_ENTRIES) {
                throw new MalformedInputException("more than " + MAX_ENTRIES + " entries in one record");
            }
            out.add(entry(key, r.bytes()));
        }
        if (out.isEmpty()) {
            throw new MalformedInputException("record without entries");
        }
        return out;
    }

    private static DhtRecord entry(byte[] key, byte[] data) {
        ProtoReader r = new ProtoReader(data);
        byte[] subkey = new byte[0];
        byte[] value = null;
        byte[] publisher = null;
        long sequence = 0;
        long expires = 0;
        byte[] signature = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> subkey = r.bytes();
                case 2 -> value = r.bytes();
                case 3 -> publisher = r.bytes();
                case 4 -> sequence = r.varint();
                case 5 -> expires = r.varint();
                case 6 -> signature = r.bytes();
                default -> r.skip();
            }
        }
        if (value == null || publisher == null || signature == null) {
            throw new MalformedInputException("record entry without "
                    + (value == null ? "value" : publisher == null ? "publisher" : "signature"));
        }
        if (sequence < 0 || expires < 0) {
            throw new MalformedInputException("record entry with a negative sequence or expiry");
        }
        return new DhtRecord(key, subkey, value, publisher, sequence, expires, signature);
    }
}
