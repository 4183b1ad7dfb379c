package org.hypertensor.chain.network.internal.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.api.PeerHeight;
import org.hypertensor.chain.network.api.SyncState;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * JSON-RPC {@code system_syncState} (Substrate's fields plus rate and ETA) and {@code system_peers} (each
 * connected peer with the finalized height it reported). Delayed: loaded only when an RPC bundle asks.
 */
@Component(property = {RpcMethod.NAMES + "=system_syncState", RpcMethod.NAMES + "=system_peers"})
public final class ChainNetworkRpc implements RpcMethod {

    private final ChainSync sync;
    private final P2pNetwork network;

    @Activate
    public ChainNetworkRpc(@Reference ChainSync sync, @Reference P2pNetwork network) {
        this.sync = sync;
        this.network = network;
    }

    @Override
    public Object call(RpcParams params) throws RpcError {
        params.atMost();
        return switch (params.method()) {
            case "system_syncState" -> syncState();
            case "system_peers" -> peers();
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + params.method());
        };
    }

    private Map<String, Object> syncState() {
        SyncState s = sync.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startingBlock", s.startingBlock());
        out.put("currentBlock", s.currentBlock());
        out.put("highestBlock", s.highestBlock());
        out.put("syncing", s.syncing());
        out.put("blocksPerSecond", s.blocksPerSecond());
        out.put("etaSeconds", s.etaSeconds());
        out.put("importedBlocks", s.importedBlocks());
        out.put("bannedPeers", s.bannedPeers());
        return out;
    }

    private List<Map<String, Object>> peers() {
        Map<String, Long> heights = new LinkedHashMap<>();
        for (PeerHeight p : sync.peers()) {
            heights.put(p.peerId(), p.finalizedHeight());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (PeerConnection c : network.connections()) {
            Map<String, Object> p = new LinkedHashMap<>();
            String id = c.peer().toString();
            p.put("peerId", id);
            p.put("address", String.valueOf(c.remoteAddress()));
            p.put("direction", c.outbound() ? "out" : "in");
            p.put("finalizedHeight", heights.get(id));
            out.add(p);
        }
        return out;
    }
}
