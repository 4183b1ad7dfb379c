package org.hypertensor.chain.network.internal.bft;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.consensus.CandidateBlock;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * A Byzantine validator's network (a test double): every vote its engine publishes goes out together
 * with a second vote of the same height, round and step for another block, signed with the same key;
 * given its chain, every proposal goes out with a second one for another valid block it builds (a later
 * timestamp), signed for the same height and round, and the votes are doubled from that first proposal on.
 */
final class Equivocator implements PubSub {

    private final PubSub real;
    private final Signer key;
    private final BlockHash chainId;
    private final ConsensusChain chain;
    private final AtomicLong doubled = new AtomicLong();
    private final AtomicLong proposalsDoubled = new AtomicLong();

    Equivocator(PubSub real, Signer key, byte[] genesisHash) {
        this(real, key, genesisHash, null);
    }

    /** @param chain the validator's chain, to build the second block of each proposal ({@code null}: votes only) */
    Equivocator(PubSub real, Signer key, byte[] genesisHash, ConsensusChain chain) {
        this.real = real;
        this.key = key;
        this.chainId = BlockHash.of(genesisHash);
        this.chain = chain;
    }

    long doubled() {
        return doubled.get();
    }

    long proposalsDoubled() {
        return proposalsDoubled.get();
    }

    private void doubleProposal(String topic, byte[] data) {
        Proposal first = null;
        ProtoReader in = new ProtoReader(data);
        long kind = 0;
        while (in.next()) {
            switch (in.field()) {
                case 1 -> kind = in.varint();
                case 2 -> first = Proposal.decode(in.bytes());
                default -> in.skip();
            }
        }
        if (kind != BftEngine.PROPOSAL || first == null) {
            return;
        }
        try {
            for (long later = 1; later < 10; later++) {
                CandidateBlock other = chain.propose(key, System.currentTimeMillis() + later);
                BlockHash value = BlockHash.of(other.hash());
                if (other.number() == first.height() && !value.equals(first.value())) {
                    Proposal second =
                            Proposal.sign(key, chainId, first.height(), first.round(), value, first.validRound());
                    real.publish(
                            topic,
                            new ProtoWriter()
                                    .varint(1, BftEngine.PROPOSAL)
                                    .bytes(2, second.encode())
                                    .bytes(3, other.encoded())
                                    .toByteArray());
                    proposalsDoubled.incrementAndGet();
                    return;
                }
            }
        } catch (ConsensusException e) {
            // The head moved on meanwhile: no second proposal this time.
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] data) {
        CompletableFuture<Void> sent = real.publish(topic, data);
        if (topic.endsWith("/blocks/1") && chain != null) {
            doubleProposal(topic, data);
        }
        // With a chain, votes are doubled from its first doubled proposal on: it proposes twice at least
        // once before the others catch it (its first doubled vote gets it removed).
        boolean armed = chain == null || proposalsDoubled.get() > 0;
        if (topic.endsWith("/votes/1") && armed) {
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
