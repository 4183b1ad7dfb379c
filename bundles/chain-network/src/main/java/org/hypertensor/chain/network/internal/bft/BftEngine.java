package org.hypertensor.chain.network.internal.bft;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ConsensusDriver;
import org.hypertensor.bft.api.DecisionSink;
import org.hypertensor.bft.api.EventLoop;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.MachineStatus;
import org.hypertensor.bft.api.Outbound;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.chain.network.internal.gossip.Topics;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.consensus.CandidateBlock;
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
 * The adaptor between the BFT bundle's Tendermint machine and the ledger and network: proposals (with
 * their block bytes) on the blocks topic, votes on {@code /hypertensor/<genesis prefix>/votes/1}; a
 * proposed block is executed by the ledger without committing before the machine counts it valid; a
 * decision commits the block with its certificate (the signed precommits), and the next height starts
 * one block time after the last one started. The double-sign guard file is written before anything is
 * signed and sent (the driver does that). A block that sync or gossip imported moves the machine on.
 */
public final class BftEngine implements Application, Outbound, DecisionSink, HeadListener, AutoCloseable {

    /** Kind of a proposal on the blocks topic (finalized blocks are kind 1, see BlockGossip). */
    public static final int PROPOSAL = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BftEngine.class);
    private static final int MAX_BLOCKS_HELD = 64;
    private static final int MAX_BLOCK_HEADER = 128 * 1024;

    private final ConsensusChain chain;
    private final PubSub pubsub;
    private final Signer key;
    private final Clock clock;
    private final EventLoop loop;
    private final BlockHash chainId;
    private final BftSets sets;
    private final ConsensusDriver driver;
    private final String blocksTopic;
    private final String votesTopic;
    private final TopicValidator voteValidator = this::validateVote;
    private final PubSub.Subscription votes;
    private final Map<BlockHash, byte[]> blocks = new ConcurrentHashMap<>();
    private final Map<BlockHash, Boolean> executed = new ConcurrentHashMap<>();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong evidence = new AtomicLong();
    private final Map<ValidatorKey, Long> reported = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private volatile long height;
    private volatile long heightStartedMs;
    private volatile boolean committing;

    /**
     * @param key this validator's key, or {@code null} on a node that follows without signing
     * @param loop the single thread the machine runs on (its clock schedules the timeouts)
     */
    public BftEngine(
            ConsensusChain chain,
            PubSub pubsub,
            Signer key,
            Path guardFile,
            Timeouts timeouts,
            long retransmitMs,
            Clock clock,
            EventLoop loop)
            throws IOException {
        this.chain = chain;
        this.pubsub = pubsub;
        this.key = key;
        this.clock = clock;
        this.loop = loop;
        this.chainId = BlockHash.of(chain.genesisHash());
        this.blocksTopic = Topics.of(chain.genesisHash(), "blocks");
        this.votesTopic = Topics.of(chain.genesisHash(), "votes");
        this.sets = new BftSets();
        SignGuard guard = Bft.fileSignGuard(guardFile);
        this.driver = Bft.driver(
                Bft.machine(new MachineConfig(chainId, key, this, timeouts, guard.last())),
                loop,
                this,
                this,
                guard,
                retransmitMs);
        pubsub.addValidator(votesTopic, voteValidator);
        votes = pubsub.subscribe(votesTopic, m -> {});
    }

    /** Starts at the height after the finalized head. */
    public void start() {
        loop.execute(this::startNext);
        LOG.info("BFT engine {} on {}", key == null ? "following (no validator key)" : "validating", votesTopic);
    }

    /** The topic validator's answer for a proposal message on the blocks topic; feeds the machine. */
    public TopicValidator.Result proposalMessage(byte[] data) {
        Proposal proposal;
        byte[] block;
        try {
            ProtoReader in = new ProtoReader(data);
            byte[] p = null;
            block = null;
            while (in.next()) {
                switch (in.field()) {
                    case 2 -> p = in.bytes();
                    case 3 -> block = in.bytes();
                    default -> in.skip();
                }
            }
            if (p == null || block == null) {
                throw new MalformedInputException("a proposal needs its message and block");
            }
            proposal = Proposal.decode(p);
            if (!BlockHash.of(headerHash(block)).equals(proposal.value())) {
                throw new MalformedInputException("the block is not the one proposed");
            }
        } catch (MalformedInputException | DecodeException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            return TopicValidator.Result.REJECT;
        }
        if (proposal.height() < height || proposal.height() > height + 1) {
            return TopicValidator.Result.IGNORE;
        }
        if (blocks.size() >= MAX_BLOCKS_HELD) {
            blocks.clear();
        }
        blocks.put(proposal.value(), block);
        driver.proposalReceived(proposal);
        return TopicValidator.Result.ACCEPT;
    }

    private TopicValidator.Result validateVote(PubSubMessage message) {
        Vote vote;
        try {
            vote = Vote.decode(message.data());
        } catch (DecodeException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            return TopicValidator.Result.REJECT;
        }
        if (vote.height() < height - 1 || vote.height() > height + 1) {
            return TopicValidator.Result.IGNORE;
        }
        driver.voteReceived(vote);
        return TopicValidator.Result.ACCEPT;
    }

    /** BLAKE2b-256 of the header: the block hash, from the block's encoding {@code bytes(header) ‖ bytes(body)}. */
    private static byte[] headerHash(byte[] block) {
        return Hashes.blake2b256(new Decoder(block).bytes(MAX_BLOCK_HEADER));
    }

    @Override
    public BlockHash proposeValue(long h, int round) {
        if (chain.finalizedHead().number() >= h) {
            // A start the driver had queued while sync imported this height: its block is final, so it is
            // the only value this height can have (nothing conflicting is signed); the machine moves on
            // with the import's own start.
            FinalizedBlock done = chain.finalizedBlock(h).orElseThrow();
            BlockHash hash = BlockHash.of(headerHash(done.encoded()));
            blocks.put(hash, done.encoded());
            LOG.debug("Height {} was imported meanwhile: proposing its final block", h);
            return hash;
        }
        try {
            CandidateBlock c = chain.propose(key, clock.millis());
            if (c.number() != h) {
                throw new IllegalStateException("the head moved: built #" + c.number() + " for height " + h);
            }
            BlockHash hash = BlockHash.of(c.hash());
            blocks.put(hash, c.encoded());
            executed.put(hash, Boolean.TRUE);
            return hash;
        } catch (ConsensusException e) {
            throw new IllegalStateException("cannot build block " + h + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isValid(long h, BlockHash value) {
        if (executed.containsKey(value)) {
            return true;
        }
        byte[] block = blocks.get(value);
        if (block == null || chain.finalizedHead().number() + 1 != h) {
            return false;
        }
        try {
            CandidateBlock c = chain.execute(block);
            boolean ok = BlockHash.of(c.hash()).equals(value);
            if (ok) {
                executed.put(value, Boolean.TRUE);
            }
            return ok;
        } catch (ConsensusException e) {
            LOG.info("Proposed block {} at height {} is invalid: {}", value, h, e.getMessage());
            return false;
        }
    }

    @Override
    public void broadcastProposal(Proposal proposal) {
        byte[] block = blocks.get(proposal.value());
        if (block == null) {
            LOG.warn("No bytes for the proposed block {}: proposal not sent", proposal.value());
            return;
        }
        publish(
                blocksTopic,
                new ProtoWriter()
                        .varint(1, PROPOSAL)
                        .bytes(2, proposal.encode())
                        .bytes(3, block)
                        .toByteArray());
    }

    @Override
    public void broadcastVote(Vote vote) {
        publish(votesTopic, vote.encode());
    }

    private void publish(String topic, byte[] data) {
        pubsub.publish(topic, data).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debug("Publishing on {} failed: {}", topic, e.toString());
            }
        });
    }

    @Override
    public void decided(long h, BlockHash value, Certificate certificate) {
        decided.incrementAndGet();
        if (chain.finalizedHead().number() < h) {
            committing = true;
            try {
                commit(value, certificate);
            } catch (ConsensusException e) {
                if (chain.finalizedHead().number() < h) {
                    LOG.warn("Decided block #{} {} not committed: {}", h, value, e.getMessage());
                } else {
                    LOG.debug("Decided block #{} came in through gossip or sync first", h);
                }
            } finally {
                committing = false;
            }
        }
        executed.clear();
        // One block time per height: the next one starts a block time after this one started; after a
        // full block at once, so that a backlog drains at the speed of execution, not of the block time.
        long wait = fullBlock(h) ? 0 : Math.max(0, heightStartedMs + chain.blockTimeMs() - clock.millis());
        try {
            loop.schedule(this::startNext, wait);
        } catch (RejectedExecutionException e) {
            LOG.debug("Engine closing: height {} not started", h + 1);
        }
    }

    private boolean fullBlock(long h) {
        BlockInfo head = chain.finalizedHead();
        return head.number() == h && head.transactions().size() >= chain.maxBlockTransactions();
    }

    /** Commits the decided block; executes it first if its candidate is gone (another import replaced it). */
    private void commit(BlockHash value, Certificate certificate) throws ConsensusException {
        try {
            chain.commit(value.bytes(), certificate.encode());
        } catch (ConsensusException e) {
            byte[] block = blocks.get(value);
            if (block == null || e.invalidBlock()) {
                throw e;
            }
            chain.execute(block);
            chain.commit(value.bytes(), certificate.encode());
        }
    }

    /**
     * Submits the evidence transaction (signed by this validator, through the pool), once per offender
     * until it has left the set: the first report included slashes it and removes it from the next
     * height; later ones would only fail as duplicates or as not a validator.
     */
    @Override
    public void evidence(Evidence e) {
        evidence.incrementAndGet();
        if (key == null) {
            LOG.warn("Equivocation seen by a follower (no key to sign its evidence transaction): {}", e);
            return;
        }
        Long before = reported.putIfAbsent(e.offender(), e.height());
        if (before != null) {
            return;
        }
        try {
            byte[] tx = chain.submitEvidence(e.encode());
            LOG.warn(
                    "Equivocation by {} at height {}: evidence transaction 0x{} submitted",
                    e.offender().address(),
                    e.height(),
                    java.util.HexFormat.of().formatHex(tx));
        } catch (ConsensusException ex) {
            reported.remove(e.offender());
            LOG.warn(
                    "Equivocation by {} at height {}: evidence not submitted: {}",
                    e.offender().address(),
                    e.height(),
                    ex.getMessage());
        }
    }

    @Override
    public void newHead(BlockInfo block) {}

    /** A block imported by sync or gossip: move the machine past it. */
    @Override
    public void finalized(BlockInfo block) {
        if (!committing && block.number() >= height) {
            loop.execute(this::startNext);
        }
    }

    /** On the loop: starts the height after the finalized head, unless the machine is there already. */
    private void startNext() {
        long next = chain.finalizedHead().number() + 1;
        if (next <= height) {
            return;
        }
        ValidatorSet set;
        try {
            set = sets.at(chain.activeSet(next));
        } catch (ConsensusException e) {
            // The head moved on meanwhile (sync): the import's own notification starts the right height.
            LOG.debug("No validator set for height {}: {}", next, e.getMessage());
            return;
        }
        height = next;
        heightStartedMs = clock.millis();
        executed.clear();
        // Offenders that left the set may be reported again should they return.
        reported.keySet().removeIf(k -> !set.contains(k));
        driver.start(next, set);
    }

    public MachineStatus status() {
        return driver.status();
    }

    public boolean halted() {
        return driver.halted();
    }

    /** Heights decided here / equivocations seen / malformed messages, for the shell. */
    public long[] counts() {
        return new long[] {decided.get(), evidence.get(), malformed.get()};
    }

    public boolean validating() {
        return key != null;
    }

    @Override
    public void close() {
        votes.close();
        pubsub.removeValidator(votesTopic, voteValidator);
    }
}
