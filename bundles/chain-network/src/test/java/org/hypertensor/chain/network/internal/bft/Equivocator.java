package org.hypertensor.chain.network.internal.bft;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;

/**
 * A Byzantine validator's network (a test double): every vote its engine publishes goes out together
 * with a second vote of the same height, round and step for another block, signed with the same key.
 */
final class Equivocator implements PubSub {

    private final PubSub real;
    private final Signer key;
    private final BlockHash chainId;
    private final AtomicLong doubled = new AtomicLong();

    Equivocator(PubSub real, Signer key, byte[] genesisHash) {
        this.real = real;
        this.key = key;
        this.chainId = BlockHash.of(genesisHash);
    }

    long doubled() {
        return doubled.get();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] data) {
        CompletableFuture<Void> sent = real.publish(topic, data);
        if (topic.endsWith("/votes/1")) {
            Vote vote = Vote.decode(data);
            BlockHash other = BlockHash.of(
                    Hashes.blake2b256(("other " + vote).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Vote second = Vote.sign(key, chainId, vote.type(), vote.height(), vote.round(), other);
            real.publish(topic, second.encode());
            doubled.incrementAndGet();
        }
        return sent;
    }

    @Override
    public Subscription subscribe(String topic, Consumer<PubSubMessage> handler) {
        return real.subscribe(topic, handler);
    }

    @Override
    public void addValidator(String topic, TopicValidator validator) {
        real.addValidator(topic, validator);
    }

    @Override
    public void removeValidator(String topic, TopicValidator validator) {
        real.removeValidator(topic, validator);
    }

    @Override
    public List<String> topics() {
        return real.topics();
    }

    @Override
    public List<PeerId> meshPeers(String topic) {
        return real.meshPeers(topic);
    }

    @Override
    public List<PeerId> topicPeers(String topic) {
        return real.topicPeers(topic);
    }
}
