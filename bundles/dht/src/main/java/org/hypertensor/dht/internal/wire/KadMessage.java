package org.hypertensor.dht.internal.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * libp2p kad-dht's {@code Message} (the same protobuf as go- and js-libp2p): {@code type=1}, {@code key=2},
 * {@code record=3} (a serialized {@link Record}), {@code closerPeers=8}, {@code providerPeers=9}. Every
 * request and response is one such message, framed as uvarint length then bytes.
 */
public record KadMessage(Type type, byte[] key, Record record, List<Peer> closerPeers, List<Peer> providerPeers) {

    /** Message types, numbered as on the wire. */
    public enum Type {
        PUT_VALUE,
        GET_VALUE,
        ADD_PROVIDER,
        GET_PROVIDERS,
        FIND_NODE,
        PING;

        static Type of(int n) {
            if (n < 0 || n >= values().length) {
                throw new MalformedInputException("unknown message type " + n);
            }
            return values()[n];
        }
    }

    /** libp2p's {@code Record}: {@code key=1}, {@code value=2}, {@code timeReceived=5} (RFC 3339 text). */
    public record Record(byte[] key, byte[] value, String timeReceived) {
        public Record {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(timeReceived, "timeReceived");
        }

        public byte[] encode() {
            ProtoWriter w = new ProtoWriter().bytes(1, key).bytes(2, value);
            if (!timeReceived.isEmpty()) {
                w.string(5, timeReceived);
            }
            return w.toByteArray();
        }

        public static Record decode(byte[] data) {
            ProtoReader r = new ProtoReader(data);
            byte[] key = null;
            byte[] value = null;
            String time = "";
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> key = r.bytes();
                    case 2 -> value = r.bytes();
                    case 5 -> time = r.string();
                    default -> r.skip();
                }
            }
            if (key == null || value == null) {
                throw new MalformedInputException("record without " + (key == null ? "key" : "value"));
            }
            return new Record(key, value, time);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Record r
                    && Arrays.equals(key, r.key)
                    && Arrays.equals(value, r.value)
                    && timeReceived.equals(r.timeReceived);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
        }
    }

    /** {@code Peer}: {@code id=1} (peer id bytes), {@code addrs=2} (binary multiaddrs), {@code connection=3}. */
    public record Peer(byte[] id, List<byte[]> addrs, int connection) {
        public static final int NOT_CONNECTED = 0;
        public static final int CONNECTED = 1;

        public Peer {
            Objects.requireNonNull(id, "id");
            addrs = List.copyOf(addrs);
        }

        byte[] encode() {
            ProtoWriter w = new ProtoWriter().bytes(1, id);
            addrs.forEach(a -> w.bytes(2, a));
            if (connection != 0) {
                w.varint(3, connection);
            }
            return w.toByteArray();
        }

        static Peer decode(byte[] data, int maxAddrs) {
            ProtoReader r = new ProtoReader(data);
            byte[] id = null;
            List<byte[]> addrs = new ArrayList<>();
            int connection = 0;
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> id = r.bytes();
                    case 2 -> {
                        if (addrs.size() == maxAddrs) {
                            throw new MalformedInputException("peer with more than " + maxAddrs + " addresses");
                        }
                        addrs.add(r.bytes());
                    }
                    case 3 -> connection = r.int32();
                    default -> r.skip();
                }
            }
            if (id == null || id.length == 0) {
                throw new MalformedInputException("peer without id");
            }
            return new Peer(id, addrs, connection);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Peer p)
                    || !Arrays.equals(id, p.id)
                    || connection != p.connection
                    || addrs.size() != p.addrs.size()) {
                return false;
            }
            for (int i = 0; i < addrs.size(); i++) {
                if (!Arrays.equals(addrs.get(i), p.addrs.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(id);
        }
    }

    /** Most peers a message may list, and addresses per peer: bounds the work a message can cause. */
    public static final int MAX_PEERS = 64;

    public static final int MAX_ADDRS = 16;

    public KadMessage {
        Objects.requireNonNull(type, "type");
        key = key == null ? new byte[0] : key;
        closerPeers = List.copyOf(closerPeers);
        providerPeers = List.copyOf(providerPeers);
    }

    public static KadMessage request(Type type, byte[] key) {
        return new KadMessage(type, key, null, List.of(), List.of());
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        if (type != Type.PUT_VALUE) { // proto3: the default value is not written (js omits it too)
            w.varint(1, type.ordinal());
        }
        if (key.length > 0) {
            w.bytes(2, key);
        }
        if (record != null) {
            w.bytes(3, record.encode());
        }
        closerPeers.forEach(p -> w.bytes(8, p.encode()));
        providerPeers.forEach(p -> w.bytes(9, p.encode()));
        return w.toByteArray();
    }

    /** Decodes a message, refusing malformed input and more than {@link #MAX_PEERS} peers per list. */
    public static KadMessage decode(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        Type type = Type.PUT_VALUE;
        byte[] key = null;
        Record record = null;
        List<Peer> closer = new ArrayList<>();
        List<Peer> providers = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = Type.of(r.int32());
                case 2 -> key = r.bytes();
                case 3 -> record = Record.decode(r.bytes());
                case 8 -> closer.add(peer(r, closer.size()));
                case 9 -> providers.add(peer(r, providers.size()));
                default -> r.skip(); // clusterLevelRaw (10) and future fields
            }
        }
        return new KadMessage(type, key, record, closer, providers);
    }

    private static Peer peer(ProtoReader r, int listed) {
        if (listed == MAX_PEERS) {
            throw new MalformedInputException("more than " + MAX_PEERS + " peers in one message");
        }
        return Peer.decode(r.bytes(), MAX_ADDRS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KadMessage m
                && type == m.type
                && Arrays.equals(key, m.key)
                && Objects.equals(record, m.record)
                && closerPeers.equals(m.closerPeers)
                && providerPeers.equals(m.providerPeers);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(key);
    }
}
