package org.hypertensor.dht.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static Contact contact(String name) {
        return new Contact(NodeId.hashOf(name.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void distanceAndPrefixFollowXor() {
        NodeId a = NodeId.ofBytes(new byte[32]);
        byte[] b = new byte[32];
        b[0] = 0x10; // differs at bit 3
        NodeId nb = NodeId.ofBytes(b);
        assertEquals(3, a.commonPrefixLength(nb));
        assertEquals(256, a.commonPrefixLength(a));
        byte[] c = new byte[32];
        c[0] = 0x01;
        assertTrue(a.compareDistance(NodeId.ofBytes(c), nb) < 0, "0x01 is closer to 0 than 0x10");
        Random random = new Random(1);
        for (int prefix : new int[] {0, 5, 9, 12}) {
            assertEquals(prefix, a.commonPrefixLength(a.randomInBucket(prefix, random)));
        }
    }

    @Test
    void aFullBucketAsksToPingItsOldestAndReplacesOnlyTheDead() {
        NodeId self = NodeId.ofBytes(new byte[32]);
        RoutingTable table = new RoutingTable(self, 2, c -> true);
        // Find three contacts in bucket 0 (first bit set).
        List<Contact> bucket0 = new ArrayList<>();
        for (int i = 0; bucket0.size() < 3; i++) {
            Contact c = contact("n" + i);
            if (self.commonPrefixLength(c.id()) == 0) {
                bucket0.add(c);
            }
        }
        table.observe(bucket0.get(0));
        table.observe(bucket0.get(1));
        var full = assertInstanceOf(RoutingTable.Outcome.BucketFull.class, table.observe(bucket0.get(2)));
        assertEquals(bucket0.get(0), full.oldest());
        table.observe(bucket0.get(0)); // heard again: now the most recent
        full = assertInstanceOf(RoutingTable.Outcome.BucketFull.class, table.observe(bucket0.get(2)));
        assertEquals(bucket0.get(1), full.oldest());
        table.replace(bucket0.get(1), bucket0.get(2));
        assertTrue(table.find(bucket0.get(2).id()).isPresent());
        assertTrue(table.find(bucket0.get(1).id()).isEmpty());
        assertEquals(2, table.size());
    }

    @Test
    void refusedPeersNeverEnterAndClosestIsSortedByDistance() {
        NodeId self = NodeId.hashOf(new byte[] {0});
        RoutingTable table = new RoutingTable(self, 20, c -> !c.peer().startsWith("unstaked"));
        assertInstanceOf(RoutingTable.Outcome.Refused.class, table.observe(contact("unstaked-1")));
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Contact c = contact("p" + i);
            table.observe(c);
            all.add(c);
        }
        NodeId target = NodeId.hashOf(new byte[] {9});
        List<Contact> closest = table.closest(target, 5);
        assertEquals(5, closest.size());
        List<Contact> kept = new ArrayList<>(all);
        kept.removeIf(c -> table.find(c.id()).isEmpty());
        kept.sort(Comparator.comparing(Contact::id, target::compareDistance));
        assertEquals(kept.subList(0, 5), closest);
        assertTrue(table.find(contact("unstaked-1").id()).isEmpty());
    }
}
