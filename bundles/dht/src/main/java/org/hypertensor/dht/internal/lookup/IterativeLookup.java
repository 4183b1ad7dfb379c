package org.hypertensor.dht.internal.lookup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;

/**
 * Kademlia's node lookup: ask the {@code alpha} closest not-yet-asked peers at a time for peers closer
 * to the target, and stop when the {@code k} closest peers seen have all answered (or nothing is left
 * to ask). Peers that fail are dropped from the result and reported.
 */
public final class IterativeLookup {

    /**
     * @param closest the k closest peers that answered, closest first
     * @param hops how many request rounds deep the closest peer was found (its own table's peers are 1)
     * @param queried how many peers were asked
     * @param failed how many of them did not answer
     */
    public record Result(List<Contact> closest, int hops, int queried, int failed) {}

    private enum State {
        NEW,
        PENDING,
        ANSWERED,
        FAILED
    }

    private final NodeId target;
    private final NodeId self;
    private final KadRpc rpc;
    private final int k;
    private final int alpha;
    private final Consumer<Contact> onAnswer;
    private final Consumer<Contact> onFailure;
    private final TreeMap<NodeId, Contact> candidates;
    private final Map<NodeId, State> states = new HashMap<>();
    private final Map<NodeId, Integer> depth = new HashMap<>();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private int pending;
    private int queried;
    private int failed;

    private IterativeLookup(
            NodeId target,
            NodeId self,
            KadRpc rpc,
            int k,
            int alpha,
            Consumer<Contact> onAnswer,
            Consumer<Contact> onFailure) {
        this.target = target;
        this.self = self;
        this.rpc = rpc;
        this.k = k;
        this.alpha = alpha;
        this.onAnswer = onAnswer;
        this.onFailure = onFailure;
        this.candidates = new TreeMap<>((a, b) -> {
            int byDistance = target.compareDistance(a, b);
            return byDistance != 0 ? byDistance : a.compareTo(b);
        });
    }

    /**
     * Starts a lookup by node {@code self} from {@code seeds} (its closest known peers); peers name
     * {@code self} in their answers too, and it is never asked. {@code onAnswer} and {@code onFailure}
     * let the caller keep its routing table fresh.
     */
    public static CompletableFuture<Result> start(
            NodeId target,
            NodeId self,
            List<Contact> seeds,
            KadRpc rpc,
            int k,
            int alpha,
            Consumer<Contact> onAnswer,
            Consumer<Contact> onFailure) {
        IterativeLookup lookup = new IterativeLookup(target, self, rpc, k, alpha, onAnswer, onFailure);
        synchronized (lookup) {
            for (Contact seed : seeds) {
                lookup.add(seed, 1);
            }
            lookup.step();
        }
        return lookup.result;
    }

    private void add(Contact contact, int atDepth) {
        if (!contact.id().equals(self) && states.putIfAbsent(contact.id(), State.NEW) == null) {
            candidates.put(contact.id(), contact);
            depth.put(contact.id(), atDepth);
        }
    }

    private void step() {
        if (result.isDone()) {
            return;
        }
        int seen = 0;
        boolean kClosestDone = true;
        List<Contact> toAsk = new ArrayList<>();
        for (Contact c : candidates.values()) {
            State s = states.get(c.id());
            if (s == State.FAILED) {
                continue;
            }
            if (seen++ == k) {
                break;
            }
            if (s != State.ANSWERED) {
                kClosestDone = false;
            }
            if (s == State.NEW && pending + toAsk.size() < alpha) {
                toAsk.add(c);
            }
        }
        if (kClosestDone || toAsk.isEmpty() && pending == 0) {
            finish();
            return;
        }
        for (Contact c : toAsk) {
            states.put(c.id(), State.PENDING);
            pending++;
            queried++;
            rpc.findNode(c, target).whenComplete((found, error) -> answered(c, found, error));
        }
    }

    private synchronized void answered(Contact from, List<Contact> found, Throwable error) {
        pending--;
        if (error != null) {
            states.put(from.id(), State.FAILED);
            failed++;
            onFailure.accept(from);
        } else {
            states.put(from.id(), State.ANSWERED);
            onAnswer.accept(from);
            int next = depth.get(from.id()) + 1;
            for (Contact c : found) {
                add(c, next);
            }
        }
        step();
    }

    private void finish() {
        List<Contact> closest = new ArrayList<>();
        for (Contact c : candidates.values()) {
            if (states.get(c.id()) == State.ANSWERED) {
                closest.add(c);
                if (closest.size() == k) {
                    break;
                }
            }
        }
        int hops = closest.isEmpty() ? 0 : depth.get(closest.get(0).id());
        result.complete(new Result(List.copyOf(closest), hops, queried, failed));
    }
}
