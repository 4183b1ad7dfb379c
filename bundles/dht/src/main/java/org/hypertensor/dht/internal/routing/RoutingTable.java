package org.hypertensor.dht.internal.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Kademlia's k-buckets around one node: bucket i holds peers sharing exactly i leading bits with it,
 * least recently seen first. A full bucket does not drop its oldest peer on sight: the caller pings it
 * and replaces it only if it does not answer (old peers that stay up are the most reliable).
 */
public final class RoutingTable {

    /** What {@link #observe} did with a peer. */
    public sealed interface Outcome {
        /** Added, or moved to the most-recently-seen end of its bucket. */
        record Kept() implements Outcome {}

        /** Its bucket is full: ping {@code oldest}; if it is dead, call {@link #replace}. */
        record BucketFull(Contact oldest) implements Outcome {}

        /** The admission check said no (e.g. the peer has no stake). */
        record Refused() implements Outcome {}
    }

    private static final Outcome KEPT = new Outcome.Kept();

    private final NodeId self;
    private final int k;
    private final Predicate<Contact> admission;
    private final List<ArrayDeque<Contact>> buckets = new ArrayList<>();

    public RoutingTable(NodeId self, int k, Predicate<Contact> admission) {
        this.self = self;
        this.k = k;
        this.admission = admission;
        for (int i = 0; i < NodeId.BITS; i++) {
            buckets.add(new ArrayDeque<>());
        }
    }

    public NodeId self() {
        return self;
    }

    /** Records that a peer was heard from. */
    public synchronized Outcome observe(Contact contact) {
        if (contact.id().equals(self)) {
            return KEPT;
        }
        if (!admission.test(contact)) {
            remove(contact.id());
            return new Outcome.Refused();
        }
        ArrayDeque<Contact> bucket = bucketFor(contact.id());
        if (removeFrom(bucket, contact.id()) || bucket.size() < k) {
            bucket.addLast(contact);
            return KEPT;
        }
        return new Outcome.BucketFull(bucket.peekFirst());
    }

    /** Replaces a peer that failed its ping with a newcomer of the same bucket. */
    public synchronized void replace(Contact dead, Contact newcomer) {
        ArrayDeque<Contact> bucket = bucketFor(dead.id());
        if (removeFrom(bucket, dead.id()) && bucketFor(newcomer.id()) == bucket && bucket.size() < k) {
            bucket.addLast(newcomer);
        }
    }

    public synchronized boolean remove(NodeId id) {
        return removeFrom(bucketFor(id), id);
    }

    public synchronized Optional<Contact> find(NodeId id) {
        return bucketFor(id).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The {@code n} known peers closest to {@code target}, closest first. */
    public synchronized List<Contact> closest(NodeId target, int n) {
        List<Contact> all = new ArrayList<>();
        buckets.forEach(all::addAll);
        all.sort(Comparator.comparing(Contact::id, target::compareDistance));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    public synchronized int size() {
        return buckets.stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Every contact, by bucket (prefix length), least recently seen first within a bucket. */
    public synchronized List<Contact> contacts() {
        List<Contact> all = new ArrayList<>();
        buckets.forEach(all::addAll);
        return all;
    }

    /** Sizes of the non-empty buckets by prefix length, for {@code dht:routing}. */
    public synchronized List<int[]> bucketSizes() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            if (!buckets.get(i).isEmpty()) {
                out.add(new int[] {i, buckets.get(i).size()});
            }
        }
        return out;
    }

    private ArrayDeque<Contact> bucketFor(NodeId id) {
        return buckets.get(Math.min(self.commonPrefixLength(id), NodeId.BITS - 1));
    }

    private static boolean removeFrom(ArrayDeque<Contact> bucket, NodeId id) {
        for (Iterator<Contact> it = bucket.iterator(); it.hasNext(); ) {
            if (it.next().id().equals(id)) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
