package org.hypertensor.p2p.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.HostConfig;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.protocol.PingProtocol;
import org.hypertensor.p2p.interop.JsPeer;

/**
 * The p2p benchmark, Java and js-libp2p side by side in one run: ping RTT on one open stream, dial time,
 * one-stream throughput, gossip messages per second across 10 local Java nodes. Not a test; run it with
 * the command in docs/benchmarks.md.
 */
public final class P2pBench {

    private static final String SINK = "/test/sink/1.0.0";
    private static final int PINGS = 5000;
    private static final int WARMUP_PINGS = 3000;
    private static final int DIALS = 30;
    private static final int BYTES = 64 * 1024 * 1024;

    private P2pBench() {}

    public static void main(String[] args) throws Exception {
        List<Host> hosts = new ArrayList<>();
        try (JsPeer js = JsPeer.start();
                JsPeer js2 = JsPeer.start()) {
            Host a = host(hosts);
            Host b = host(hosts);
            b.registerHandler(SINK, org.hypertensor.p2p.interop.JsInteropTestAccess.SHA256_SINK);
            a.connect(b.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            a.connect(js.address).get(10, TimeUnit.SECONDS);
            js.call("dial", "addr", b.listenAddresses().get(0).toString());
            js2.call("dial", "addr", js.address.toString());
            Thread.sleep(1000);

            System.out.println(
                    "== ping RTT on one open stream (" + PINGS + " pings after " + WARMUP_PINGS + " warm-up)");
            report("Java -> Java", javaPings(a, b.localPeerId()));
            report("Java -> js", javaPings(a, js.peerId));
            report("js -> Java", jsPings(js, b.localPeerId()));
            report("js -> js", jsPings(js2, js.peerId));

            System.out.println("== dial (TCP + multistream + Noise XX + yamux), mean of " + DIALS);
            System.out.printf(
                    Locale.ROOT,
                    "  %-14s %8.2f ms%n",
                    "Java -> Java",
                    javaDial(a, b.listenAddresses().get(0)));
            System.out.printf(Locale.ROOT, "  %-14s %8.2f ms%n", "Java -> js", javaDial(a, js.address));
            System.out.printf(
                    Locale.ROOT,
                    "  %-14s %8.2f ms%n",
                    "js -> Java",
                    jsDial(js, b.listenAddresses().get(0), b.localPeerId()));
            System.out.printf(Locale.ROOT, "  %-14s %8.2f ms%n", "js -> js", jsDial(js2, js.address, js.peerId));

            System.out.println("== one-stream throughput, " + (BYTES >> 20) + " MiB with SHA-256 at the receiver");
            a.connect(b.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            a.connect(js.address).get(10, TimeUnit.SECONDS);
            javaSend(a, b.localPeerId()); // warm-up
            System.out.printf(Locale.ROOT, "  %-14s %8.1f MB/s%n", "Java -> Java", javaSend(a, b.localPeerId()));
            System.out.printf(Locale.ROOT, "  %-14s %8.1f MB/s%n", "Java -> js", javaSend(a, js.peerId));
            js.call("dial", "addr", b.listenAddresses().get(0).toString());
            System.out.printf(Locale.ROOT, "  %-14s %8.1f MB/s%n", "js -> Java", jsSend(js, b.localPeerId()));
            js2.call("dial", "addr", js.address.toString());
            System.out.printf(Locale.ROOT, "  %-14s %8.1f MB/s%n", "js -> js", jsSend(js2, js.peerId));
        } finally {
            hosts.forEach(Host::close);
        }
        gossip();
    }

    private static Host host(List<Host> hosts) throws Exception {
        Host h = new Host(
                NodeKey.generate(new SecureRandom()),
                HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        h.start();
        hosts.add(h);
        return h;
    }

    private static double[] javaPings(Host from, PeerId to) throws Exception {
        P2pStream s = from.openStream(to, List.of(PingProtocol.ID)).get(10, TimeUnit.SECONDS);
        PingProtocol ping = from.pingProtocol();
        for (int i = 0; i < WARMUP_PINGS; i++) {
            ping.pingOnce(s).get(5, TimeUnit.SECONDS);
        }
        double[] ms = new double[PINGS];
        for (int i = 0; i < PINGS; i++) {
            ms[i] = ping.pingOnce(s).get(5, TimeUnit.SECONDS).toNanos() / 1e6;
        }
        s.reset();
        return ms;
    }

    private static double[] jsPings(JsPeer js, PeerId to) throws Exception {
        js.call("pingStream", "peer", to.toString(), "count", WARMUP_PINGS);
        JsonNode r = js.call("pingStream", "peer", to.toString(), "count", PINGS);
        double[] ms = new double[r.get("rtts").size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = r.get("rtts").get(i).asDouble();
        }
        return ms;
    }

    private static void report(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ms).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "  %-14s median %.3f ms  mean %.3f ms  p99 %.3f ms%n",
                what,
                sorted[sorted.length / 2],
                mean,
                sorted[(int) (sorted.length * 0.99)]);
    }

    private static double javaDial(Host from, Multiaddr to) throws Exception {
        PeerId peer = to.peerId().orElseThrow();
        long total = 0;
        for (int i = -5; i < DIALS; i++) {
            from.disconnect(peer);
            long until = System.nanoTime() + 5_000_000_000L;
            while (from.isConnected(peer) && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            Thread.sleep(250); // js-libp2p refuses more than 5 inbound connections per second from one host
            long t0 = System.nanoTime();
            from.connect(to).get(10, TimeUnit.SECONDS);
            if (i >= 0) {
                total += System.nanoTime() - t0;
            }
        }
        return total / 1e6 / DIALS;
    }

    private static double jsDial(JsPeer js, Multiaddr to, PeerId peer) throws Exception {
        double total = 0;
        for (int i = -5; i < DIALS; i++) {
            js.call("hangUp", "peer", peer.toString());
            Thread.sleep(250);
            double ms = js.call("dial", "addr", to.toString()).get("ms").asDouble();
            if (i >= 0) {
                total += ms;
            }
        }
        return total / DIALS;
    }

    private static double javaSend(Host from, PeerId to) throws Exception {
        byte[] data = new byte[BYTES];
        new Random(3).nextBytes(data);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
        long t0 = System.nanoTime();
        P2pStream s = from.openStream(to, List.of(SINK)).get(10, TimeUnit.SECONDS);
        int chunk = 1 << 20;
        for (int off = 0; off < data.length; off += chunk) {
            s.write(Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk)))
                    .get(30, TimeUnit.SECONDS);
        }
        s.closeWrite();
        byte[] digest = s.readExactly(32).get(60, TimeUnit.SECONDS);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!Arrays.equals(expected, digest)) {
            throw new IllegalStateException("checksum mismatch");
        }
        return BYTES / 1e6 / secs;
    }

    private static double jsSend(JsPeer js, PeerId to) throws Exception {
        JsonNode r = js.call("send", "peer", to.toString(), "bytes", BYTES, "seed", 99);
        if (!r.get("sha256").asText().equals(r.get("reply").asText())) {
            throw new IllegalStateException("checksum mismatch");
        }
        return BYTES / 1e6 / r.get("seconds").asDouble();
    }

    /** 10 Java nodes, each dialing 3 others; one publishes; every other node must receive every message. */
    private static void gossip() throws Exception {
        int nodes = 10;
        int messages = 5000;
        String topic = "/hypertensor/bench/tx";
        List<Host> hosts = new ArrayList<>();
        List<GossipRouter> routers = new ArrayList<>();
        try {
            AtomicLong received = new AtomicLong();
            CountDownLatch all = new CountDownLatch((nodes - 1) * messages);
            for (int i = 0; i < nodes; i++) {
                Host h = host(hosts);
                GossipRouter r = new GossipRouter(h, GossipConfig.defaults());
                r.start();
                routers.add(r);
                int self = i;
                r.subscribe(topic, m -> {
                    if (self != 0) {
                        received.incrementAndGet();
                        all.countDown();
                    }
                });
            }
            Random rnd = new Random(5);
            for (int i = 0; i < nodes; i++) {
                for (int k = 1; k <= 3; k++) {
                    int j = (i + k + rnd.nextInt(2)) % nodes;
                    if (j != i) {
                        hosts.get(i)
                                .connect(hosts.get(j).listenAddresses().get(0))
                                .get(10, TimeUnit.SECONDS);
                    }
                }
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < until
                    && routers.stream().anyMatch(r -> r.meshPeers(topic).size() < 3)) {
                Thread.sleep(100);
            }
            byte[] payload = new byte[256];
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                payload[0] = (byte) i;
                routers.get(0).publish(topic, payload).get(10, TimeUnit.SECONDS);
            }
            boolean done = all.await(120, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.println("== gossip across " + nodes + " local Java nodes (mesh D=6, each node dials 3 others), "
                    + messages + " messages of 256 B from one publisher");
            System.out.printf(
                    Locale.ROOT,
                    "  %d of %d deliveries in %.2f s: %.0f msgs/s published and delivered to all %d others%s%n",
                    received.get(),
                    (long) (nodes - 1) * messages,
                    secs,
                    messages / secs,
                    nodes - 1,
                    done ? "" : " (INCOMPLETE)");
        } finally {
            routers.forEach(GossipRouter::close);
            hosts.forEach(Host::close);
        }
    }
}
