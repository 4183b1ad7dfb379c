package org.hypertensor.p2p.internal.gossip;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * The gossipsub RPC protobuf: {@code subscriptions=1 {subscribe=1, topic=2}}, {@code publish=2} messages,
 * {@code control=3 {ihave=1 {topic=1, ids=2}, iwant=2 {ids=1}, graft=3 {topic=1},
 * prune=4 {topic=1, peers=2, backoff=3}}}. Fields we do not use (e.g. 1.2's idontwant) are skipped.
 */
record Rpc(
        List<Sub> subscriptions,
        List<WireMessage> publish,
        List<IHave> ihave,
        List<byte[]> iwant,
        List<String> graft,
        List<Prune> prune) {

    record Sub(boolean subscribe, String topic) {}

    record IHave(String topic, List<byte[]> ids) {}

    record Prune(String topic, long backoffSeconds) {}

    static Rpc empty() {
        return new Rpc(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
    }

    boolean isEmpty() {
        return subscriptions.isEmpty()
                && publish.isEmpty()
                && ihave.isEmpty()
                && iwant.isEmpty()
                && graft.isEmpty()
                && prune.isEmpty();
    }

    byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        for (Sub s : subscriptions) {
            w.message(1, new ProtoWriter().bool(1, s.subscribe).string(2, s.topic));
        }
        for (WireMessage m : publish) {
            w.bytes(2, m.encode());
        }
        if (!ihave.isEmpty() || !iwant.isEmpty() || !graft.isEmpty() || !prune.isEmpty()) {
            ProtoWriter c = new ProtoWriter();
            for (IHave h : ihave) {
                ProtoWriter hw = new ProtoWriter().string(1, h.topic);
                h.ids.forEach(id -> hw.bytes(2, id));
                c.message(1, hw);
            }
            if (!iwant.isEmpty()) {
                ProtoWriter ww = new ProtoWriter();
                iwant.forEach(id -> ww.bytes(1, id));
                c.message(2, ww);
            }
            graft.forEach(t -> c.message(3, new ProtoWriter().string(1, t)));
            prune.forEach(p -> c.message(4, new ProtoWriter().string(1, p.topic).varint(3, p.backoffSeconds)));
            w.message(3, c);
        }
        return w.toByteArray();
    }

    static Rpc decode(byte[] data) {
        Rpc rpc = empty();
        ProtoReader r = new ProtoReader(data);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    ProtoReader s = new ProtoReader(r.bytes());
                    boolean sub = false;
                    String topic = null;
                    while (s.next()) {
                        switch (s.field()) {
                            case 1 -> sub = s.bool();
                            case 2 -> topic = s.string();
                            default -> s.skip();
                        }
                    }
                    if (topic != null) {
                        rpc.subscriptions.add(new Sub(sub, topic));
                    }
                }
                case 2 -> rpc.publish.add(WireMessage.decode(r.bytes()));
                case 3 -> decodeControl(new ProtoReader(r.bytes()), rpc);
                default -> r.skip();
            }
        }
        return rpc;
    }

    private static void decodeControl(ProtoReader c, Rpc rpc) {
        while (c.next()) {
            switch (c.field()) {
                case 1 -> {
                    ProtoReader h = new ProtoReader(c.bytes());
                    String topic = "";
                    List<byte[]> ids = new ArrayList<>();
                    while (h.next()) {
                        switch (h.field()) {
                            case 1 -> topic = h.string();
                            case 2 -> ids.add(h.bytes());
                            default -> h.skip();
                        }
                    }
                    rpc.ihave.add(new IHave(topic, ids));
                }
                case 2 -> {
                    ProtoReader w = new ProtoReader(c.bytes());
                    while (w.next()) {
                        if (w.field() == 1) {
                            rpc.iwant.add(w.bytes());
                        } else {
                            w.skip();
                        }
                    }
                }
                case 3 -> {
                    ProtoReader g = new ProtoReader(c.bytes());
                    while (g.next()) {
                        if (g.field() == 1) {
                            rpc.graft.add(g.string());
                        } else {
                            g.skip();
                        }
                    }
                }
                case 4 -> {
                    ProtoReader p = new ProtoReader(c.bytes());
                    String topic = "";
                    long backoff = 0;
                    while (p.next()) {
                        switch (p.field()) {
                            case 1 -> topic = p.string();
                            case 3 -> backoff = p.varint();
                            default -> p.skip();
                        }
                    }
                    rpc.prune.add(new Prune(topic, backoff));
                }
                default -> c.skip();
            }
        }
    }
}
