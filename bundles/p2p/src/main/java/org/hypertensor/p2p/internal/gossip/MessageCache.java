package org.hypertensor.p2p.internal.gossip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent messages in heartbeat windows: kept for {@code history} windows (served to IWANT), advertised
 * in IHAVE for the last {@code gossip} windows. Used from the router's thread only.
 */
final class MessageCache {

    private record Entry(MessageId id, String topic) {}

    private final int history;
    private final int gossip;
    private final Map<MessageId, WireMessage> messages = new HashMap<>();
    private final Deque<List<Entry>> windows = new ArrayDeque<>();

    MessageCache(int history, int gossip) {
        this.history = history;
        this.gossip = gossip;
        windows.addFirst(new ArrayList<>());
    }

    void put(MessageId id, WireMessage m) {
        if (messages.putIfAbsent(id, m) == null) {
            windows.peekFirst().add(new Entry(id, m.topic()));
        }
    }

    WireMessage get(MessageId id) {
        return messages.get(id);
    }

    /** Ids of the topic's messages in the gossip windows. */
    List<MessageId> gossipIds(String topic) {
        List<MessageId> out = new ArrayList<>();
        int i = 0;
        for (List<Entry> w : windows) {
            if (i++ >= gossip) {
                break;
            }
            for (Entry e : w) {
                if (e.topic.equals(topic)) {
                    out.add(e.id);
                }
            }
        }
        return out;
    }

    /** Starts a new window, dropping the oldest beyond the history. */
    void shift() {
        windows.addFirst(new ArrayList<>());
        while (windows.size() > history) {
            for (Entry e : windows.removeLast()) {
                messages.remove(e.id);
            }
        }
    }

    int size() {
        return messages.size();
    }
}
