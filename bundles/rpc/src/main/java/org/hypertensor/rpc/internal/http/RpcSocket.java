package org.hypertensor.rpc.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.hypertensor.rpc.internal.dispatch.Dispatcher;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: each text message is a JSON-RPC request or batch, answered on the same connection;
 * it adds the head subscriptions, whose notifications follow the answer that announced them.
 */
public final class RpcSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(RpcSocket.class);
    /** Subscriptions one connection may hold. */
    static final int MAX_SUBSCRIPTIONS = 128;
    /** Notifications held for a subscription whose announcing answer is not sent yet. */
    private static final int MAX_HELD = 64;
    /** Frames queued for a client that does not read; beyond this the connection is closed. */
    private static final int MAX_QUEUED_FRAMES = 1024;

    private final MethodRegistry registry;
    private final HeadFeed feed;
    private final Supplier<RpcSettings> settings;
    private final Map<String, Outbox> subscriptions = new ConcurrentHashMap<>();
    /** Subscriptions made by the message being answered; only the connection's message thread touches it. */
    private final List<Outbox> opening = new ArrayList<>();

    private volatile Session session;

    RpcSocket(MethodRegistry registry, HeadFeed feed, Supplier<RpcSettings> settings) {
        this.registry = registry;
        this.feed = feed;
        this.settings = settings;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
        // the limit in force when the connection opens; up to twice it we answer -32001, beyond Jetty closes
        session.setMaxTextMessageSize(2L * settings.get().maxRequestBytes());
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        RpcSettings s = settings.get();
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        Dispatcher dispatcher = registry.dispatcher();
        byte[] answer = body.length > s.maxRequestBytes()
                ? dispatcher.error(RpcError.REQUEST_TOO_LARGE, RpcServlet.tooLarge(body.length, s.maxRequestBytes()))
                : dispatcher.handle(body, this::find, s.maxBatchSize());
        try {
            if (answer != null) {
                send(new String(answer, StandardCharsets.UTF_8));
            }
        } catch (IllegalStateException closed) {
            return; // onWebSocketClose drops the subscriptions
        } finally {
            opening.forEach(Outbox::open);
            opening.clear();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        subscriptions.keySet().forEach(feed::unsubscribe);
        subscriptions.clear();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("RPC WebSocket error: {}", cause.toString());
    }

    private RpcMethod find(String name) {
        return switch (name) {
            case "chain_subscribeNewHeads", "chain_subscribeNewHead" -> p -> subscribe(p, HeadFeed.Kind.NEW_HEADS);
            case "chain_subscribeFinalizedHeads", "chain_subscribeFinalisedHeads" ->
                p -> subscribe(p, HeadFeed.Kind.FINALIZED_HEADS);
            case "chain_unsubscribeNewHeads",
                    "chain_unsubscribeNewHead",
                    "chain_unsubscribeFinalizedHeads",
                    "chain_unsubscribeFinalisedHeads" -> this::unsubscribe;
            default -> registry.lookup(settings.get().allowUnsafe()).find(name);
        };
    }

    private String subscribe(RpcParams params, HeadFeed.Kind kind) throws RpcError {
        params.atMost();
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            throw new RpcError(
                    RpcError.TOO_MANY_SUBSCRIPTIONS,
                    "a connection may hold at most " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        Outbox outbox = new Outbox();
        String id = feed.subscribe(kind, outbox);
        subscriptions.put(id, outbox);
        opening.add(outbox);
        return id;
    }

    /** Only this connection's own subscriptions can be cancelled through it. */
    private boolean unsubscribe(RpcParams params) throws RpcError {
        JsonNode given = params.atMost("subscription").get(0, "subscription");
        if (given == null || !(given.isTextual() || given.isIntegralNumber())) {
            throw RpcError.invalidParams(
                    params.method() + " needs parameter 'subscription' (the id subscribing returned)");
        }
        String id = given.asText();
        if (subscriptions.remove(id) == null) {
            return false;
        }
        return feed.unsubscribe(id);
    }

    private void send(String text) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IllegalStateException("connection closed");
        }
        s.sendText(text, Callback.from(() -> {}, failure -> {
            LOG.debug("RPC WebSocket client too slow or gone, closing: {}", failure.toString());
            s.close(StatusCode.POLICY_VIOLATION, "not reading its messages", Callback.NOOP);
        }));
    }

    static String notification(String subscription, HeadFeed.Kind kind, JsonNode header) {
        ObjectNode message =
                JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0").put("method", kind.notification());
        ObjectNode params = message.putObject("params").put("subscription", subscription);
        params.set("result", header);
        try {
            return Dispatcher.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Holds a new subscription's notifications until the answer carrying its id has been queued. */
    private final class Outbox implements HeadFeed.Subscriber {

        private final List<String> held = new ArrayList<>();
        private boolean open;

        @Override
        public synchronized void notify(String subscription, HeadFeed.Kind kind, JsonNode header) {
            String text = notification(subscription, kind, header);
            if (open) {
                send(text);
            } else if (held.size() < MAX_HELD) {
                held.add(text);
            }
        }

        synchronized void open() {
            open = true;
            try {
                held.forEach(RpcSocket.this::send);
            } catch (IllegalStateException closed) {
                // the connection went away; onWebSocketClose drops the subscription
            }
            held.clear();
        }
    }
}
