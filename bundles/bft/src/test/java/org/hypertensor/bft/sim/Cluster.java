package org.hypertensor.bft.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ConsensusDriver;
import org.hypertensor.bft.api.DecisionSink;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.Outbound;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.VerificationException;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;

/**
 * Validators, each a real machine and driver on one {@link VirtualLoop}, over a {@link SimNetwork}. Node
 * roles: honest, silent (never started: crashed), or Byzantine (signs two proposals and two votes at
 * every slot, a different one to each half of its peers). Decisions are checked as they come: the
 * certificate against the height's validator set.
 */
public final class Cluster {

    /** How a node behaves. */
    public enum Role {
        HONEST,
        SILENT,
        BYZANTINE
    }

    public static final BlockHash CHAIN_ID =
            BlockHash.of(Hashes.blake2b256("sim-chain".getBytes(StandardCharsets.UTF_8)));
    public static final Timeouts TIMEOUTS = new Timeouts(300, 100, 100, 50, 100, 50);
    public static final long RETRANSMIT_MS = 1000;

    private final VirtualLoop loop = new VirtualLoop();
    private final SimNetwork network;
    private final Random random;
    private final List<Node> nodes = new ArrayList<>();
    private final TreeMap<Long, ValidatorSet> sets = new TreeMap<>();
    /** Blocks that exist (were proposed): a proposal's block is valid when it is here. */
    private final Set<BlockHash> blocks = new HashSet<>();

    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    /** One validator of the cluster. */
    public final class Node implements DecisionSink, Outbound, SimNetwork.Receiver, Application {
        final int index;
        final Role role;
        final Ed25519KeyPair key;
        final TreeMap<Long, BlockHash> decisions = new TreeMap<>();
        ConsensusDriver driver;
        int counter;

        Node(int index, Role role, Ed25519KeyPair key) {
            this.index = index;
            this.role = role;
            this.key = key;
        }

        void boot() {
            SignGuard guard = new MemoryGuard();
            MachineConfig config = new MachineConfig(CHAIN_ID, key, this, TIMEOUTS, guard.last());
            driver = Bft.driver(Bft.machine(config), loop, this, this, guard, RETRANSMIT_MS);
            driver.start(1, set(1));
        }

        @Override
        public void decided(long height, BlockHash value, Certificate certificate) {
            try {
                certificate.verifyFor(set(height), CHAIN_ID, height, value);
            } catch (VerificationException e) {
                violations.add("node " + index + ": " + e.getMessage());
            }
            decisions.put(height, value);
            driver.start(height + 1, set(height + 1));
        }

        @Override
        public void evidence(Evidence found) {
            evidence.add(found);
        }

        @Override
        public BlockHash proposeValue(long height, int round) {
            BlockHash block =
                    BlockHash.of(Hashes.blake2b256(("block " + index + " " + height + " " + round + " " + counter++)
                            .getBytes(StandardCharsets.UTF_8)));
            blocks.add(block);
            return block;
        }

        @Override
        public boolean isValid(long height, BlockHash value) {
            return blocks.contains(value);
        }

        @Override
        public void broadcastProposal(Proposal proposal) {
            if (role != Role.BYZANTINE) {
                network.broadcast(index, proposal);
                return;
            }
            BlockHash other = proposeValue(proposal.height(), proposal.round());
            Proposal twin =
                    Proposal.sign(key, CHAIN_ID, proposal.height(), proposal.round(), other, proposal.validRound());
            equivocate(proposal, twin);
        }

        @Override
        public void broadcastVote(Vote vote) {
            if (role != Role.BYZANTINE) {
                network.broadcast(index, vote);
                return;
            }
            BlockHash other = vote.value() == null ? proposeValue(vote.height(), vote.round()) : null;
            Vote twin = Vote.sign(key, CHAIN_ID, vote.type(), vote.height(), vote.round(), other);
            equivocate(vote, twin);
        }

        /** Each peer gets one of the two, at random. */
        private void equivocate(Object a, Object b) {
            for (int to = 0; to < nodes.size(); to++) {
                if (to != index) {
                    network.send(index, to, random.nextBoolean() ? a : b);
                }
            }
        }

        @Override
        public void proposal(Proposal proposal) {
            if (driver != null) {
                driver.proposalReceived(proposal);
            }
        }

        @Override
        public void vote(Vote vote) {
            if (driver != null) {
                driver.voteReceived(vote);
            }
        }

        public TreeMap<Long, BlockHash> decisions() {
            return decisions;
        }

        public Role role() {
            return role;
        }

        public ValidatorKey validatorKey() {
            return ValidatorKey.of(key.publicKey());
        }
    }

    /** A guard in memory (the file guard has its own test): enforces the rule, persists nothing. */
    static final class MemoryGuard implements SignGuard {
        private SignRecord last;

        @Override
        public SignRecord last() {
            return last;
        }

        @Override
        public void record(SignRecord next) {
            if (last != null && !last.allows(next)) {
                throw new IllegalStateException("double sign " + next + " after " + last);
            }
            last = next;
        }
    }

    public Cluster(long seed, int lossPercent, List<Role> roles) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.network = new SimNetwork(loop, seed, 5, 60, lossPercent, 80);
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            Ed25519KeyPair key = DevKeys.derive("//Sim" + i);
            Node node = new Node(i, roles.get(i), key);
            nodes.add(node);
            network.join(node);
            validators.add(new Validator(ValidatorKey.of(key.publicKey()), 1));
        }
        sets.put(1L, ValidatorSet.of(validators));
        for (Node node : nodes) {
            if (node.role != Role.SILENT) {
                node.boot();
            }
        }
    }

    /** The validator set of {@code height}: the genesis set rotated once per height. */
    public ValidatorSet set(long height) {
        while (sets.lastKey() < height) {
            sets.put(sets.lastKey() + 1, sets.lastEntry().getValue().nextHeight());
        }
        return sets.get(height);
    }

    public VirtualLoop loop() {
        return loop;
    }

    public SimNetwork network() {
        return network;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Evidence> evidence() {
        return evidence;
    }

    /** Certificates that did not verify (must stay empty). */
    public List<String> violations() {
        return violations;
    }

    /** Runs until every honest node decided {@code height}, or the virtual deadline; returns whether it did. */
    public boolean runUntilHeight(long height, long virtualMs) {
        return loop.runUntil(() -> minHonestHeight() >= height, loop.now() + virtualMs);
    }

    /** The lowest height every honest node has decided (0: none). */
    public long minHonestHeight() {
        long min = Long.MAX_VALUE;
        for (Node node : nodes) {
            if (node.role == Role.HONEST) {
                min = Math.min(min, node.decisions.isEmpty() ? 0 : node.decisions.lastKey());
            }
        }
        return min;
    }

    /** The highest height any node decided. */
    public long maxHeight() {
        long max = 0;
        for (Node node : nodes) {
            if (!node.decisions.isEmpty()) {
                max = Math.max(max, node.decisions.lastKey());
            }
        }
        return max;
    }

    /** Heights at which two honest nodes decided different blocks (must stay empty). */
    public List<String> conflicts() {
        List<String> out = new ArrayList<>();
        TreeMap<Long, BlockHash> agreed = new TreeMap<>();
        for (Node node : nodes) {
            if (node.role != Role.HONEST) {
                continue;
            }
            for (var e : node.decisions.entrySet()) {
                BlockHash before = agreed.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    out.add("height " + e.getKey() + ": " + before + " vs " + e.getValue() + " (node " + node.index
                            + ")");
                }
            }
        }
        return out;
    }

    /** Whether the rule kept {@code node}'s machine from signing, or a guard failure halted it. */
    public boolean halted(int node) {
        return nodes.get(node).driver != null && nodes.get(node).driver.halted();
    }
}
