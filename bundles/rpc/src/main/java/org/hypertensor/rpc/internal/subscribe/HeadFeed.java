package org.hypertensor.rpc.internal.subscribe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.rpc.internal.view.Views;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the ledger's head events out to WebSocket subscriptions: each header is rendered once, then handed to
 * every subscriber of its kind. Called on the ledger's thread, so subscribers only queue the send.
 */
@Component(
        service = {HeadListener.class, HeadFeed.class},
        immediate = true)
public final class HeadFeed implements HeadListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeadFeed.class);

    /** What a subscription follows, with the notification method Substrate clients expect. */
    public enum Kind {
        NEW_HEADS("chain_newHead"),
        FINALIZED_HEADS("chain_finalizedHead");

        private final String notification;

        Kind(String notification) {
            this.notification = notification;
        }

        public String notification() {
            return notification;
        }
    }

    /** Where a subscription's notifications go (a WebSocket connection); must not block. */
    @FunctionalInterface
    public interface Subscriber {
        void notify(String subscription, Kind kind, JsonNode header);
    }

    private record Subscription(Kind kind, Subscriber subscriber) {}

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    /** Adds a subscription and returns its id. */
    public String subscribe(Kind kind, Subscriber subscriber) {
        String id = Long.toString(ids.incrementAndGet());
        subscriptions.put(id, new Subscription(kind, subscriber));
        return id;
    }

    public boolean unsubscribe(String id) {
        return subscriptions.remove(id) != null;
    }

    public int count() {
        return subscriptions.size();
    }

    @Override
    public void newHead(BlockInfo block) {
        publish(Kind.NEW_HEADS, block);
    }

    @Override
    public void finalized(BlockInfo block) {
        publish(Kind.FINALIZED_HEADS, block);
    }

    private void publish(Kind kind, BlockInfo block) {
        JsonNode header = null;
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (e.getValue().kind() != kind) {
                continue;
            }
            if (header == null) {
                header = Views.header(block);
            }
            try {
                e.getValue().subscriber().notify(e.getKey(), kind, header);
            } catch (RuntimeException ex) {
                LOG.debug("RPC subscription {} dropped: {}", e.getKey(), ex.toString());
                subscriptions.remove(e.getKey());
            }
        }
    }
}
