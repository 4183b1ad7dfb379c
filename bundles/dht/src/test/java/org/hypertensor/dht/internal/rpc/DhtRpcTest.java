package org.hypertensor.dht.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hypertensor.dht.internal.net.LoopbackNodes;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dht_* JSON-RPC methods on real DHT nodes over loopback TCP: a put on one node is read on another. */
class DhtRpcTest {

    private final LoopbackNodes nodes = new LoopbackNodes();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        nodes.close();
    }

    private Object call(DhtRpc rpc, String method, String params) throws Exception {
        return rpc.call(new RpcParams(method, params == null ? null : json.readTree(params)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void putOnOneNodeIsReadOnAnother() throws Exception {
        LoopbackNodes.Node a = nodes.start(List.of(), p -> true);
        LoopbackNodes.Node b = nodes.start(List.of(a.address()), p -> true);
        LoopbackNodes.Node c = nodes.start(List.of(a.address()), p -> true);
        b.dht().bootstrap().get(20, TimeUnit.SECONDS);
        c.dht().bootstrap().get(20, TimeUnit.SECONDS);
        DhtRpc onA = new DhtRpc(a.dht());
        DhtRpc onC = new DhtRpc(c.dht());

        TestHosts.await(
                "c's table holds a and b",
                java.time.Duration.ofSeconds(20),
                () -> c.dht().routingTable().size() == 2);
        List<Map<String, Object>> routing = (List<Map<String, Object>>) call(onC, "dht_routing", null);
        assertEquals(
                java.util.Set.of(a.peer().toString(), b.peer().toString()),
                routing.stream().map(m -> m.get("peerId")).collect(java.util.stream.Collectors.toSet()),
                "c knows its boot peer and, through it, b: " + routing);

        Map<String, Object> put = (Map<String, Object>) call(onA, "dht_put", "[\"/devnet/k\", \"v1\"]");
        assertEquals("/devnet/k", put.get("key"));
        List<Map<String, Object>> got = (List<Map<String, Object>>) call(onC, "dht_get", "{\"key\": \"/devnet/k\"}");
        assertEquals(1, got.size(), got.toString());
        assertEquals("v1", got.get(0).get("value"));
        assertEquals(a.peer().toString(), got.get(0).get("publisher"));
    }

    @Test
    void badCallsAreOneLineErrors() throws Exception {
        DhtRpc rpc = new DhtRpc(nodes.start(List.of(), p -> true).dht());
        assertEquals(
                "dht_put needs parameter 'value'",
                assertThrows(RpcError.class, () -> call(rpc, "dht_put", "[\"k\"]"))
                        .getMessage());
        // a lone node stores the record nowhere else: that is an error, not success with storedAt 0
        RpcError nowhere = assertThrows(RpcError.class, () -> call(rpc, "dht_put", "[\"/alone\", \"v\"]"));
        assertEquals(DhtRpc.FAILED, nowhere.code());
        assertEquals("put /alone failed: no node stored the record", nowhere.getMessage());
        RpcError none = assertThrows(RpcError.class, () -> call(rpc, "dht_get", "[\"/nothing\"]"));
        assertEquals(DhtRpc.NO_RECORD, none.code());
        assertEquals("no record under /nothing", none.getMessage());
        assertEquals(
                RpcError.INVALID_PARAMS,
                assertThrows(RpcError.class, () -> call(rpc, "dht_put", "[\"k\", \"v\", \"\", 1000]"))
                        .code());
        assertEquals(
                RpcError.INVALID_PARAMS,
                assertThrows(RpcError.class, () -> call(rpc, "dht_routing", "[1]"))
                        .code());
    }
}
