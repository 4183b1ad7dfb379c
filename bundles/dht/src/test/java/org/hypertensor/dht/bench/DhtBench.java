package org.hypertensor.dht.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.lookup.IterativeLookup;
import org.hypertensor.dht.internal.net.Contacts;
import org.hypertensor.dht.internal.net.LoopbackNodes;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.hypertensor.dht.internal.records.RecordStore;

/**
 * DHT figures for docs/benchmarks.md: lookup latency and hops among N real nodes on loopback (libp2p
 * TCP + Noise + yamux in one JVM), puts and gets over the network, and records per second into one
 * store (signature check included). Usage: {@code DhtBench [nodes=20] [lookups=300] [puts=200]}.
 */
public final class DhtBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int puts = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Random random = new Random(1);
        try (LoopbackNodes nodes = new LoopbackNodes()) {
            List<LoopbackNodes.Node> all = new ArrayList<>();
            LoopbackNodes.Node boot = nodes.start(List.of(), p -> true);
            all.add(boot);
            for (int i = 1; i < n; i++) {
                LoopbackNodes.Node node = nodes.start(List.of(boot.address()), p -> true);
                node.dht().bootstrap().get(30, TimeUnit.SECONDS);
                all.add(node);
            }
            for (LoopbackNodes.Node node : all) {
                node.dht().bootstrap().get(30, TimeUnit.SECONDS); // everyone refreshes once the network is complete
            }
            int tableMin = all.stream()
                    .mapToInt(x -> x.dht().routingTable().size())
                    .min()
                    .orElse(0);
            System.out.printf("%d nodes up; smallest routing table %d peers%n", n, tableMin);

            // Lookups of random existing nodes from random nodes (connections already open: steady state).
            for (int warm = 0; warm < 50; warm++) {
                lookup(all, random);
            }
            List<Long> micros = new ArrayList<>();
            List<Integer> hops = new ArrayList<>();
            int found = 0;
            for (int i = 0; i < lookups; i++) {
                long t0 = System.nanoTime();
                Object[] r = lookup(all, random);
                micros.add((System.nanoTime() - t0) / 1_000);
                IterativeLookup.Result res = (IterativeLookup.Result) r[0];
                hops.add(res.hops());
                if ((boolean) r[1]) {
                    found++;
                }
            }
            Collections.sort(micros);
            Collections.sort(hops);
            System.out.printf(
                    "lookup latency (ms): median %.2f, p90 %.2f, p99 %.2f, max %.2f; hops median %d max %d; found %d/%d%n",
                    micros.get(lookups / 2) / 1e3,
                    micros.get(lookups * 9 / 10) / 1e3,
                    micros.get(lookups * 99 / 100) / 1e3,
                    micros.get(lookups - 1) / 1e3,
                    hops.get(lookups / 2),
                    hops.get(lookups - 1),
                    found,
                    lookups);

            // Puts (lookup + PUT_VALUE to the k closest) and gets over the network, one at a time, then 16 in flight.
            long t0 = System.nanoTime();
            int replicas = 0;
            for (int i = 0; i < puts; i++) {
                LoopbackNodes.Node from = all.get(random.nextInt(n));
                replicas += from.dht()
                        .put(
                                ("/hypertensor/bench/" + i).getBytes(StandardCharsets.UTF_8),
                                new byte[0],
                                new byte[256],
                                Duration.ofHours(1))
                        .get(30, TimeUnit.SECONDS);
            }
            double putSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "network puts, sequential: %.1f puts/s (%.1f ms each), %.1f replicas per put, %.0f stored records/s%n",
                    puts / putSeconds, putSeconds * 1e3 / puts, (double) replicas / puts, replicas / putSeconds);
            t0 = System.nanoTime();
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            int concurrentReplicas = 0;
            for (int i = 0; i < puts; i++) {
                LoopbackNodes.Node from = all.get(random.nextInt(n));
                inFlight.add(from.dht()
                        .put(
                                ("/hypertensor/bench/c" + i).getBytes(StandardCharsets.UTF_8),
                                new byte[0],
                                new byte[256],
                                Duration.ofHours(1)));
                if (inFlight.size() == 16) {
                    for (CompletableFuture<Integer> f : inFlight) {
                        concurrentReplicas += f.get(60, TimeUnit.SECONDS);
                    }
                    inFlight.clear();
                }
            }
            for (CompletableFuture<Integer> f : inFlight) {
                concurrentReplicas += f.get(60, TimeUnit.SECONDS);
            }
            putSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "network puts, 16 in flight: %.1f puts/s, %.0f stored records/s%n",
                    puts / putSeconds, concurrentReplicas / putSeconds);
            List<Long> getMicros = new ArrayList<>();
            int readable = 0;
            for (int i = 0; i < puts; i++) {
                LoopbackNodes.Node from = all.get(random.nextInt(n));
                long g0 = System.nanoTime();
                List<DhtRecord> got = from.dht()
                        .get(("/hypertensor/bench/" + i).getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
                getMicros.add((System.nanoTime() - g0) / 1_000);
                if (got.size() == 1) {
                    readable++;
                }
            }
            Collections.sort(getMicros);
            System.out.printf(
                    "network gets: median %.2f ms, p90 %.2f ms; %d/%d readable%n",
                    getMicros.get(puts / 2) / 1e3, getMicros.get(puts * 9 / 10) / 1e3, readable, puts);
        }

        // One store, one thread: how many signed records per second it checks and keeps.
        Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
        int count = 20_000;
        List<DhtRecord> records = new ArrayList<>();
        long expires = System.currentTimeMillis() + 3_600_000;
        for (int i = 0; i < count; i++) {
            records.add(RecordSignatures.sign(
                    key,
                    ("/hypertensor/store/" + i).getBytes(StandardCharsets.UTF_8),
                    new byte[0],
                    new byte[256],
                    1,
                    expires));
        }
        RecordStore store = new RecordStore(
                new RecordStore.Limits(16 * 1024, Long.MAX_VALUE, 48L * 3_600_000), System::currentTimeMillis);
        long t0 = System.nanoTime();
        for (DhtRecord r : records) {
            store.put(r, "peer");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "record store: %.0f records/s (256-byte values, Ed25519 verify each), %d kept%n",
                count / s, store.size()[1]);
    }

    private static Object[] lookup(List<LoopbackNodes.Node> all, Random random) throws Exception {
        LoopbackNodes.Node from = all.get(random.nextInt(all.size()));
        LoopbackNodes.Node target = all.get(random.nextInt(all.size()));
        var c = Contacts.of(target.peer());
        IterativeLookup.Result r = from.dht().node().lookup(c.id()).get(30, TimeUnit.SECONDS);
        boolean found = from == target || r.closest().contains(c);
        return new Object[] {r, found};
    }
}
