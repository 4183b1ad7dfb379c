package org.hypertensor.p2p.internal.gossip;

import java.util.List;
import org.hypertensor.p2p.internal.identity.NodeKey;

/** Lets the fuzz test reach the package-private RPC codec. */
public final class GossipFuzzAccess {

    private GossipFuzzAccess() {}

    public static byte[] sampleRpc(NodeKey key) {
        Rpc rpc = Rpc.empty();
        rpc.subscriptions().add(new Rpc.Sub(true, "t"));
        rpc.publish().add(WireMessage.signed(key, new byte[] {1, 2, 3}, new byte[8], "t"));
        rpc.ihave().add(new Rpc.IHave("t", List.of(new byte[] {9, 9})));
        rpc.iwant().add(new byte[] {7});
        rpc.graft().add("t");
        rpc.prune().add(new Rpc.Prune("t", 60));
        return rpc.encode();
    }

    public static void decodeAndVerify(byte[] bytes) {
        for (WireMessage m : Rpc.decode(bytes).publish()) {
            m.id();
            m.verify();
        }
    }
}
