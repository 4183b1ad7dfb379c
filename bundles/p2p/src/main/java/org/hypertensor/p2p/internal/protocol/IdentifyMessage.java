package org.hypertensor.p2p.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * The identify protobuf: {@code publicKey=1, listenAddrs=2, protocols=3, observedAddr=4,
 * protocolVersion=5, agentVersion=6, signedPeerRecord=8}. Addresses that do not decode are skipped.
 */
public record IdentifyMessage(
        byte[] publicKey,
        List<Multiaddr> listenAddrs,
        List<String> protocols,
        Multiaddr observedAddr,
        String protocolVersion,
        String agentVersion,
        byte[] signedPeerRecord) {

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter().bytes(1, publicKey);
        listenAddrs.forEach(a -> w.bytes(2, a.toBytes()));
        protocols.forEach(p -> w.string(3, p));
        if (observedAddr != null) {
            w.bytes(4, observedAddr.toBytes());
        }
        w.string(5, protocolVersion).string(6, agentVersion).bytes(8, signedPeerRecord);
        return w.toByteArray();
    }

    public static IdentifyMessage decode(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        byte[] key = null;
        List<Multiaddr> addrs = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        Multiaddr observed = null;
        String pv = null;
        String agent = null;
        byte[] record = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.bytes();
                case 2 -> {
                    byte[] a = r.bytes();
                    try {
                        addrs.add(Multiaddr.fromBytes(a));
                    } catch (MalformedInputException | IllegalArgumentException e) {
                        // an address type we do not know: skip it
                    }
                }
                case 3 -> protocols.add(r.string());
                case 4 -> {
                    byte[] a = r.bytes();
                    try {
                        observed = Multiaddr.fromBytes(a);
                    } catch (MalformedInputException | IllegalArgumentException e) {
                        observed = null;
                    }
                }
                case 5 -> pv = r.string();
                case 6 -> agent = r.string();
                case 8 -> record = r.bytes();
                default -> r.skip();
            }
        }
        return new IdentifyMessage(key, List.copyOf(addrs), List.copyOf(protocols), observed, pv, agent, record);
    }
}
