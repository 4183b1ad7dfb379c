package org.hypertensor.p2p.internal.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * JSON-RPC {@code p2p_id} and {@code p2p_peers}, what {@code p2p:id} and {@code p2p:peers} show, for scripts
 * talking to a running node. Delayed (the default for a service): the class, and the optional RPC API it
 * needs, are only loaded when the RPC bundle asks for it.
 */
@Component(property = {RpcMethod.NAMES + "=p2p_id", RpcMethod.NAMES + "=p2p_peers"})
public final class P2pRpc implements RpcMethod {

    private final P2pNetwork network;

    @Activate
    public P2pRpc(@Reference P2pNetwork network) {
        this.network = network;
    }

    @Override
    public Object call(RpcParams params) throws RpcError {
        params.atMost();
        return switch (params.method()) {
            case "p2p_id" -> id();
            case "p2p_peers" -> peers();
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + params.method());
        };
    }

    private Map<String, Object> id() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peerId", network.localPeerId().toString());
        out.put(
                "listen",
                network.listenAddresses().stream().map(Multiaddr::toString).toList());
        return out;
    }

    private List<Map<String, Object>> peers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PeerConnection c : network.connections()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("peerId", c.peer().toString());
            p.put("address", String.valueOf(c.remoteAddress()));
            p.put("direction", c.outbound() ? "out" : "in");
            p.put("agent", c.agentVersion());
            p.put("protocols", c.protocols());
            out.add(p);
        }
        return out;
    }
}
