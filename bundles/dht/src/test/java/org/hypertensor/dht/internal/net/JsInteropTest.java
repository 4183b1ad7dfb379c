package org.hypertensor.dht.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.hypertensor.dht.internal.wire.RecordSetCodec;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.p2p.interop.JsPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against js-libp2p's kad-dht (server mode, same protocol id): FIND_NODE, PUT_VALUE and GET_VALUE in both
 * directions between real Java nodes and a js peer on loopback.
 */
class JsInteropTest {

    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void javaAndJsNodesFindPeersAndExchangeRecordsBothWays() throws Exception {
        LoopbackNodes.Node a = nodes.start(List.of(), p -> true);
        LoopbackNodes.Node b = nodes.start(List.of(a.address()), p -> true);
        b.dht().bootstrap().get(20, TimeUnit.SECONDS);
        try (JsPeer js = JsPeer.start("dht-peer.mjs")) {
            js.call("dial", "addr", a.address().toString());
            js.call("waitRouting", "size", 1, "ms", 10_000);

            // js → Java FIND_NODE: js asks A for peers close to B and learns B (with its address) from A's answer.
            List<String> closest =
                    texts(js.call("closest", "peer", b.peer().toBase58()).get("peers"));
            assertTrue(closest.contains(b.peer().toBase58()), "js found B through A: " + closest);

            // Java → js FIND_NODE: a new Java node joining through the js peer only learns A and B from js.
            LoopbackNodes.Node c = nodes.start(List.of(js.address), p -> true);
            c.dht().bootstrap().get(20, TimeUnit.SECONDS);
            // js may still be adding B (learnt through A) to its own table: look again for up to 15 s.
            List<String> known = c.dht().routingTable().stream()
                    .map(p -> p.peer().toBase58())
                    .toList();
            for (long end = System.nanoTime() + 15_000_000_000L;
                    !known.contains(b.peer().toBase58()) && System.nanoTime() < end; ) {
                Thread.sleep(250);
                c.dht().bootstrap().get(20, TimeUnit.SECONDS);
                known = c.dht().routingTable().stream()
                        .map(p -> p.peer().toBase58())
                        .toList();
            }
            assertTrue(
                    known.contains(js.peerId.toBase58())
                            && known.contains(a.peer().toBase58())
                            && known.contains(b.peer().toBase58()),
                    "C knows js " + js.peerId + ", A " + a.peer() + " and B " + b.peer() + ": " + known
                            + "; C's counters " + c.dht().stats().snapshot());

            // Java → js PUT_VALUE, then js → Java GET_VALUE (js reads it from the network).
            byte[] key = utf8("/hypertensor/interop/from-java");
            int stored = c.dht()
                    .put(key, new byte[0], utf8("hello from java"), Duration.ofHours(1))
                    .get(20, TimeUnit.SECONDS);
            assertTrue(stored >= 3, "stored at js and the Java nodes: " + stored);
            JsonNode got = js.call("get", "key", "/hypertensor/interop/from-java");
            assertTrue(got.get("values").size() >= 1, "js read the record: " + got);
            for (JsonNode v : got.get("values")) {
                List<DhtRecord> entries =
                        RecordSetCodec.decode(key, HexFormat.of().parseHex(v.asText()));
                assertEquals("hello from java", new String(entries.get(0).value(), StandardCharsets.UTF_8));
                assertTrue(RecordSignatures.verify(entries.get(0)), "what js hands back still verifies");
            }
            assertTrue(
                    texts(got.get("from")).stream().anyMatch(f -> !f.equals(js.peerId.toBase58())),
                    "js got it from a Java node too: " + got.get("from"));

            // js → Java PUT_VALUE (a record the Java side signed, put by js), then Java → js GET_VALUE.
            byte[] key2 = utf8("/hypertensor/interop/from-js");
            DhtRecord signed = RecordSignatures.sign(
                    a.key(), key2, utf8("server-a"), utf8("put by js"), 5, System.currentTimeMillis() + 3_600_000);
            JsonNode put = js.call(
                    "put",
                    "key",
                    "/hypertensor/interop/from-js",
                    "value",
                    HexFormat.of().formatHex(RecordSetCodec.encode(List.of(signed))));
            assertTrue(put.get("stored").asInt() >= 2, "js stored it at the Java nodes: " + put);
            TestHosts.await(
                    "a Java node holds the js put",
                    Duration.ofSeconds(10),
                    () -> !a.dht().node().store().get(key2).isEmpty()
                            || !b.dht().node().store().get(key2).isEmpty());
            assertEquals(
                    List.of(signed),
                    a.dht().node().store().get(key2).isEmpty()
                            ? b.dht().node().store().get(key2)
                            : a.dht().node().store().get(key2));
            assertEquals(List.of(signed), c.dht().get(key2).get(20, TimeUnit.SECONDS));
            // Java → js GET_VALUE, asked of the js peer alone: it answers both records with their signed entries.
            KadClient direct = new KadClient(
                    c.host(),
                    org.hypertensor.dht.api.Dht.PROTOCOL,
                    new AddressBook(c.host()),
                    Duration.ofSeconds(10),
                    1 << 20,
                    Runnable::run,
                    new KadStats(),
                    p -> true,
                    java.time.Clock.systemUTC());
            assertEquals(
                    List.of(signed),
                    direct.getValue(Contacts.of(js.peerId), key2).get(20, TimeUnit.SECONDS));
            List<DhtRecord> javaRecordAtJs =
                    direct.getValue(Contacts.of(js.peerId), key).get(20, TimeUnit.SECONDS);
            assertEquals(1, javaRecordAtJs.size());
            assertTrue(RecordSignatures.verify(javaRecordAtJs.get(0)));
            assertTrue(
                    direct
                            .findNode(
                                    Contacts.of(js.peerId),
                                    org.hypertensor.dht.internal.routing.NodeId.hashOf(
                                            a.peer().toBytes()))
                            .get(20, TimeUnit.SECONDS)
                            .stream()
                            .anyMatch(x -> x.peer().equals(a.peer().toBase58())),
                    "js's FIND_NODE answer names A");
            assertTrue(
                    a.dht().stats().get("served.FIND_NODE") > 0
                            && a.dht().stats().get("refused.malformed") == 0,
                    "js's messages decoded: " + a.dht().stats().snapshot());
        }
    }
}
