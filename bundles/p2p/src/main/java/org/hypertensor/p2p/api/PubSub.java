package org.hypertensor.p2p.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publish/subscribe over gossipsub v1.1 ({@code /meshsub/1.1.0}): signed messages (StrictSign), a mesh
 * of D = 6 peers per topic, gossip of message ids, validation hooks. An OSGi service.
 */
public interface PubSub {

    /**
     * Subscribes; {@code handler} receives every valid message of the topic from other peers, in order, on
     * one delivery thread (do not block it for long). Closing the subscription unsubscribes when it was the
     * topic's last one.
     */
    Subscription subscribe(String topic, Consumer<PubSubMessage> handler);

    /** Signs and sends a message to the topic's peers; completes once it is handed to them. */
    CompletableFuture<Void> publish(String topic, byte[] data);

    /**
     * Adds a validator for the topic's incoming messages: all validators must accept for a message to be
     * delivered and forwarded; a rejection counts against the peer that sent it. Called on the router's
     * thread: keep it quick.
     */
    void addValidator(String topic, TopicValidator validator);

    void removeValidator(String topic, TopicValidator validator);

    /** The topics we are subscribed to, sorted. */
    List<String> topics();

    /** Our mesh peers in the topic, sorted. */
    List<PeerId> meshPeers(String topic);

    /** Every connected peer subscribed to the topic, sorted. */
    List<PeerId> topicPeers(String topic);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        String topic();

        @Override
        void close();
    }
}
