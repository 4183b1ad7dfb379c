package org.hypertensor.dht.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.lookup.IterativeLookup;
import org.hypertensor.dht.internal.node.KademliaNode;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.junit.jupiter.api.Test;

/**
 * 1,000 real Kademlia nodes on the simulated network: lookups take few hops, survive 20 % of the nodes
 * dying while they run, and records stay readable after the churn.
 */
class KademliaSimulationTest {

    private static final int NODES = Integer.getInteger("dht.sim.nodes", 1_000);

    @Test
    void thousandNodesLookUpInFewHopsAndSurviveChurn() throws Exception {
        SimNetwork net = new SimNetwork(42, 5, 50);
        List<KademliaNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            KademliaNode node = net.add("peer-" + i);
            nodes.add(node);
            if (i > 0) {
                node.join(nodes.get(net.random().nextInt(i)).self());
                net.runUntilIdle();
            }
        }

        System.out.printf("DHT simulation: joined, %d messages, %d pings%n", net.messages, net.pings);
        // Lookups of existing nodes from random nodes, before any churn.
        List<Integer> hops = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 300; i++) {
            KademliaNode from = nodes.get(net.random().nextInt(NODES));
            KademliaNode target = nodes.get(net.random().nextInt(NODES));
            var result = from.lookup(target.self().id());
            net.runUntilIdle();
            IterativeLookup.Result r = result.join();
            hops.add(r.hops());
            if (!r.closest().isEmpty() && r.closest().get(0).equals(target.self()) || from == target) {
                found++;
            }
        }
        Collections.sort(hops);
        int medianHops = hops.get(hops.size() / 2);
        System.out.printf(
                "DHT simulation: %d nodes, lookup hops median %d, p90 %d, max %d; found %d/300%n",
                NODES, medianHops, hops.get(hops.size() * 9 / 10), hops.get(hops.size() - 1), found);
        assertTrue(medianHops <= 4, "median lookup hops " + medianHops);
        assertEquals(300, found, "every lookup finds its target in a healthy network");

        // Records published before the churn.
        SecureRandom seeds = new SecureRandom();
        List<DhtRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Ed25519KeyPair keys = Ed25519KeyPair.generate(seeds);
            DhtRecord record = RecordSignatures.sign(
                    keys,
                    ("/hypertensor/1/block/" + i).getBytes(StandardCharsets.UTF_8),
                    new byte[] {1},
                    ("server-" + i).getBytes(StandardCharsets.UTF_8),
                    1,
                    net.now() + 3_600_000);
            var stored = nodes.get(net.random().nextInt(NODES)).put(record);
            net.runUntilIdle();
            assertTrue(stored.join() >= 15, "replicated to most of the k closest: " + stored.join());
            records.add(record);
        }

        // 500 lookups spread over 5 s while 20 % of the nodes die at random moments in that window.
        List<KademliaNode> victims = new ArrayList<>(nodes.subList(1, NODES));
        Collections.shuffle(victims, net.random());
        victims = victims.subList(0, NODES / 5);
        for (KademliaNode victim : victims) {
            net.at(net.random().nextInt(5_000), () -> net.kill(victim));
        }
        List<KademliaNode[]> pairs = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<IterativeLookup.Result>> churnLookups = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            KademliaNode from = nodes.get(net.random().nextInt(NODES));
            KademliaNode target = nodes.get(net.random().nextInt(NODES));
            var future = new java.util.concurrent.CompletableFuture<IterativeLookup.Result>();
            net.at(net.random().nextInt(5_000), () -> {
                if (net.isAlive(from.self())) {
                    from.lookup(target.self().id()).whenComplete((r, e) -> future.complete(r));
                } else {
                    future.cancel(false);
                }
            });
            pairs.add(new KademliaNode[] {from, target});
            churnLookups.add(future);
        }
        net.runUntilIdle();
        int attempted = 0;
        int succeeded = 0;
        for (int i = 0; i < pairs.size(); i++) {
            KademliaNode target = pairs.get(i)[1];
            var future = churnLookups.get(i);
            if (future.isCancelled() || !net.isAlive(target.self())) {
                continue; // the asker died, or the target did: nothing to find
            }
            attempted++;
            IterativeLookup.Result r = future.join();
            if (r.closest().contains(target.self()) || pairs.get(i)[0] == target) {
                succeeded++;
            }
        }
        double rate = 100.0 * succeeded / attempted;
        System.out.printf(
                "DHT simulation: with 20%% of nodes killed mid-run, %d/%d lookups found their live target (%.1f%%)%n",
                succeeded, attempted, rate);
        assertTrue(rate >= 99.0, "success rate " + rate);

        // Every record is still readable from live nodes after the churn.
        int readable = 0;
        List<KademliaNode> alive = net.alive();
        for (DhtRecord record : records) {
            var got = alive.get(net.random().nextInt(alive.size())).get(record.key());
            net.runUntilIdle();
            if (got.join().contains(record)) {
                readable++;
            }
        }
        System.out.printf(
                "DHT simulation: %d/%d records readable after churn; %d messages in all%n",
                readable, records.size(), net.messages);
        assertEquals(records.size(), readable);
    }
}
