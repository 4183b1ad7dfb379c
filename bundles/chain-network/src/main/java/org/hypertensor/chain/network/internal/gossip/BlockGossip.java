package org.hypertensor.chain.network.internal.gossip;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.hypertensor.chain.network.internal.bft.BftEngine;
import org.hypertensor.chain.network.internal.sync.FinalizedBlocks;
import org.hypertensor.chain.network.internal.sync.NetworkImports;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finalized blocks on the chain's blocks topic ({@code /hypertensor/<genesis prefix>/blocks/1}), so every
 * node follows the head without polling: a block this node finalized itself is published with its
 * certificate; a gossiped block that is our next one is imported (the ledger checks it fully) before it
 * is forwarded; one further ahead wakes block sync.
 *
 * <p>Message: {@code { 1: kind (1 = finalized block), 2: the block (FinalizedBlocks) }}; the
 * BFT engine's proposals are kind 2 on the same topic ({@link BftEngine}). With several validators only
 * a block's author announces it.
 */
public final class BlockGossip implements HeadListener, AutoCloseable {

    static final int FINALIZED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BlockGossip.class);

    private final ConsensusChain chain;
    private final NetworkImports imports;
    private final PubSub pubsub;
    private final Runnable behind;
    private final String topic;
    private final TopicValidator validator = this::validate;
    private final PubSub.Subscription subscription;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final byte[] localAuthor;
    private volatile Function<byte[], TopicValidator.Result> proposals;

    /** @param behind called when a gossiped block shows this node is more than one block behind */
    public BlockGossip(ConsensusChain chain, NetworkImports imports, PubSub pubsub, Runnable behind) {
        this.localAuthor = chain.validatorKey().map(Signer::publicKey).orElse(null);
        this.chain = chain;
        this.imports = imports;
        this.pubsub = pubsub;
        this.behind = behind;
        this.topic = topicFor(chain.genesisHash());
        pubsub.addValidator(topic, validator);
        subscription = pubsub.subscribe(topic, message -> {});
        LOG.info("Gossiping finalized blocks on {}", topic);
    }

    public static String topicFor(byte[] genesisHash) {
        return Topics.of(genesisHash, "blocks");
    }

    @Override
    public void newHead(BlockInfo block) {}

    /** Where proposals (kind 2, the BFT engine's) go; without one they are ignored. */
    public void setProposalHandler(Function<byte[], TopicValidator.Result> handler) {
        this.proposals = handler;
    }

    @Override
    public void finalized(BlockInfo block) {
        if (imports.importingHere()) {
            return; // came from the network: its author announced it
        }
        if (localAuthor != null && !Arrays.equals(localAuthor, block.author())) {
            return; // with several validators each commits the block: its author announces it
        }
        chain.finalizedBlock(block.number())
                .ifPresent(b -> pubsub.publish(topic, encode(b)).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.debug("Publishing block #{} failed: {}", block.number(), error.toString());
                    } else {
                        published.incrementAndGet();
                    }
                }));
    }

    TopicValidator.Result validate(PubSubMessage message) {
        FinalizedBlock block;
        try {
            if (kind(message.data()) == BftEngine.PROPOSAL) {
                Function<byte[], TopicValidator.Result> handler = proposals;
                return handler == null ? TopicValidator.Result.IGNORE : handler.apply(message.data());
            }
            block = decode(message.data());
        } catch (MalformedInputException e) {
            rejected.incrementAndGet();
            return TopicValidator.Result.REJECT;
        }
        if (block == null) {
            return TopicValidator.Result.IGNORE; // a kind this version does not know
        }
        long head = chain.finalizedHead().number();
        if (block.number() <= head) {
            return TopicValidator.Result.IGNORE;
        }
        if (block.number() > head + 1) {
            behind.run();
            return TopicValidator.Result.IGNORE;
        }
        try {
            imports.importFinalized(block);
            imported.incrementAndGet();
            return TopicValidator.Result.ACCEPT;
        } catch (ConsensusException e) {
            if (e.invalidBlock()) {
                rejected.incrementAndGet();
                LOG.warn("Gossiped block #{} from {} refused: {}", block.number(), message.from(), e.getMessage());
                return TopicValidator.Result.REJECT;
            }
            LOG.debug("Gossiped block #{} not imported now: {}", block.number(), e.getMessage());
            return TopicValidator.Result.IGNORE;
        }
    }

    private static long kind(byte[] data) {
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            if (in.field() == 1) {
                return in.varint();
            }
            in.skip();
        }
        return 0;
    }

    static byte[] encode(FinalizedBlock b) {
        return new ProtoWriter()
                .varint(1, FINALIZED)
                .message(2, FinalizedBlocks.encode(b))
                .toByteArray();
    }

    /** The finalized block, or {@code null} for a message kind this version ignores. */
    static FinalizedBlock decode(byte[] data) {
        long kind = 0;
        byte[] block = null;
        ProtoReader in = new ProtoReader(data);
        while (in.next()) {
            switch (in.field()) {
                case 1 -> kind = in.varint();
                case 2 -> block = in.bytes();
                default -> in.skip();
            }
        }
        if (kind != FINALIZED) {
            return null;
        }
        if (block == null) {
            throw new MalformedInputException("a finalized block message needs its block");
        }
        return FinalizedBlocks.decode(block);
    }

    /** Published / imported / rejected, for the shell. */
    public long[] counts() {
        return new long[] {published.get(), imported.get(), rejected.get()};
    }

    @Override
    public void close() {
        subscription.close();
        pubsub.removeValidator(topic, validator);
    }
}
