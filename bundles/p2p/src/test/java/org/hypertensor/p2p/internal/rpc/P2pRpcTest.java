package org.hypertensor.p2p.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcParams;
import org.junit.jupiter.api.Test;

/** p2p_id and p2p_peers on real hosts over loopback TCP. */
class P2pRpcTest {

    @Test
    @SuppressWarnings("unchecked")
    void idAndPeers() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start();
            Host b = hosts.start();
            b.connect(a.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            TestHosts.await("a sees b", Duration.ofSeconds(10), () -> a.isConnected(b.localPeerId()));
            P2pRpc rpc = new P2pRpc(a);

            Map<String, Object> id = (Map<String, Object>) rpc.call(new RpcParams("p2p_id", null));
            assertEquals(a.localPeerId().toString(), id.get("peerId"));
            assertEquals(List.of(a.listenAddresses().get(0).toString()), id.get("listen"));

            List<Map<String, Object>> peers = (List<Map<String, Object>>) rpc.call(new RpcParams("p2p_peers", null));
            assertEquals(1, peers.size(), peers.toString());
            assertEquals(b.localPeerId().toString(), peers.get(0).get("peerId"));
            assertEquals("in", peers.get(0).get("direction"));

            RpcError e = assertThrows(
                    RpcError.class, () -> rpc.call(new RpcParams("p2p_peers", new ObjectMapper().readTree("[1]"))));
            assertEquals(RpcError.INVALID_PARAMS, e.code());
        }
    }
}
