package org.hypertensor.bft.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.Vote;

/**
 * An in-memory gossip network on a {@link VirtualLoop}: every delivery takes a seeded random delay; a
 * delivery is lost with the given probability and then re-sent after a retry delay (gossip resends until
 * it gets through); a receiver relays each message it sees for the first time to everyone (gossip). A
 * partition predicate blocks links: messages over a blocked link are lost for good.
 */
public final class SimNetwork {

    /** A node's receiving side. */
    public interface Receiver {
        void proposal(Proposal proposal);

        void vote(Vote vote);
    }

    private final VirtualLoop loop;
    private final Random random;
    private final int minDelayMs;
    private final int maxDelayMs;
    private final int lossPercent;
    private final int retryMs;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Set<ByteBuffer>> seen = new ArrayList<>();
    private BiPredicate<Integer, Integer> blocked = (a, b) -> false;
    private long delivered;
    private long lost;

    public SimNetwork(VirtualLoop loop, long seed, int minDelayMs, int maxDelayMs, int lossPercent, int retryMs) {
        this.loop = loop;
        this.random = new Random(seed);
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.lossPercent = lossPercent;
        this.retryMs = retryMs;
    }

    /** Adds a node; returns its index. */
    public int join(Receiver receiver) {
        receivers.add(receiver);
        seen.add(new HashSet<>());
        return receivers.size() - 1;
    }

    /** Blocks the links for which {@code predicate(from, to)} holds (replacing any earlier partition). */
    public void partition(BiPredicate<Integer, Integer> predicate) {
        this.blocked = predicate;
    }

    /** Removes any partition. */
    public void heal() {
        this.blocked = (a, b) -> false;
    }

    public long delivered() {
        return delivered;
    }

    public long lost() {
        return lost;
    }

    /** Sends {@code message} (a Proposal or Vote) from node {@code from} to every other node. */
    public void broadcast(int from, Object message) {
        markSeen(from, message);
        for (int to = 0; to < receivers.size(); to++) {
            if (to != from) {
                send(from, to, message);
            }
        }
    }

    /** Sends {@code message} from {@code from} to {@code to} only (a Byzantine node's targeted send). */
    public void send(int from, int to, Object message) {
        if (blocked.test(from, to)) {
            lost++;
            return;
        }
        long delay = minDelayMs + random.nextInt(maxDelayMs - minDelayMs + 1);
        if (random.nextInt(100) < lossPercent) {
            lost++;
            loop.schedule(() -> send(from, to, message), retryMs);
            return;
        }
        loop.schedule(() -> deliver(to, message), delay);
    }

    private void deliver(int to, Object message) {
        if (!markSeen(to, message)) {
            return; // gossip's seen-cache
        }
        delivered++;
        if (message instanceof Proposal p) {
            receivers.get(to).proposal(p);
        } else if (message instanceof Vote v) {
            receivers.get(to).vote(v);
        }
        for (int next = 0; next < receivers.size(); next++) {
            if (next != to) {
                send(to, next, message);
            }
        }
    }

    private boolean markSeen(int node, Object message) {
        byte[] signature = message instanceof Proposal p ? p.signature() : ((Vote) message).signature();
        return seen.get(node).add(ByteBuffer.wrap(signature));
    }
}
