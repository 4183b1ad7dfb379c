package org.hypertensor.inference.net.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * The value of a block announcement record, protobuf:
 * {@code {state=1, start=2, end=3, throughput=4 (double), forward_tps=5 (double), engine=6, device=7,
 * free_cache_tokens=8, version=9, model=10, addrs=11 (repeated binary multiaddr)}}. The peer is the record's
 * publisher, not part of the value.
 */
public final class AnnouncementCodec {

    private static final int MAX_ADDRS = 16;

    private AnnouncementCodec() {}

    /** The DHT key of block {@code block} of {@code subnet}. */
    public static byte[] key(long subnet, int block) {
        return ("/hypertensor/" + subnet + "/block/" + block).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(BlockAnnouncement a) {
        ProtoWriter w = new ProtoWriter()
                .varint(1, a.state().ordinal())
                .varint(2, a.range().start())
                .varint(3, a.range().end())
                .fixed64(4, Double.doubleToLongBits(a.throughput()))
                .fixed64(5, Double.doubleToLongBits(a.forwardTokensPerSecond()))
                .string(6, a.engine())
                .string(7, a.device())
                .varint(8, a.freeCacheTokens())
                .string(9, a.version())
                .string(10, a.model());
        for (Multiaddr m : a.addresses()) {
            w.bytes(11, m.toBytes());
        }
        return w.toByteArray();
    }

    /** @throws MalformedInputException when the value does not decode or holds impossible numbers */
    public static BlockAnnouncement decode(PeerId peer, byte[] value) {
        ProtoReader r = new ProtoReader(value);
        long state = -1;
        long start = -1;
        long end = -1;
        double throughput = 0;
        double forward = 0;
        String engine = "";
        String device = "";
        long free = 0;
        String version = "";
        String model = "";
        List<Multiaddr> addrs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> state = r.varint();
                case 2 -> start = r.int32();
                case 3 -> end = r.int32();
                case 4 -> throughput = Double.longBitsToDouble(r.fixed64());
                case 5 -> forward = Double.longBitsToDouble(r.fixed64());
                case 6 -> engine = r.string();
                case 7 -> device = r.string();
                case 8 -> free = r.varint();
                case 9 -> version = r.string();
                case 10 -> model = r.string();
                case 11 -> {
                    if (addrs.size() < MAX_ADDRS) {
                        try {
                            addrs.add(Multiaddr.fromBytes(r.bytes()));
                        } catch (IllegalArgumentException e) {
                            throw new MalformedInputException("bad address: " + e.getMessage());
                        }
                    } else {
                        r.skip();
                    }
                }
                default -> r.skip();
            }
        }
        if (state < 0 || state >= ServerState.values().length) {
            throw new MalformedInputException("no or unknown server state");
        }
        if (start < 0 || end <= start) {
            throw new MalformedInputException("bad block range " + start + ":" + end);
        }
        if (!(throughput >= 0 && throughput < 1e12) || !(forward >= 0 && forward < 1e12) || free < 0) {
            throw new MalformedInputException("throughput or free cache out of range");
        }
        return new BlockAnnouncement(
                peer,
                model,
                ServerState.values()[(int) state],
                new BlockRange((int) start, (int) end),
                throughput,
                forward,
                engine,
                device,
                free,
                version,
                addrs);
    }
}
