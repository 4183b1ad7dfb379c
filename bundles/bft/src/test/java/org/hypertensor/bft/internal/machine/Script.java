package org.hypertensor.bft.internal.machine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.ConsensusMachine;
import org.hypertensor.bft.api.Effect;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.MachineStatus;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Step;
import org.hypertensor.bft.api.Timeout;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;

/**
 * Scripted events for one machine among four equal validators at height 1: the machine under test is
 * the proposer of round 3 (rounds 0–2 are proposed by the others). Records what the machine signs as
 * short strings ({@code "PREVOTE 0 A"}, {@code "PROPOSAL 3 A vr=0"}), and every other effect.
 */
final class Script {

    static final BlockHash CHAIN = BlockHash.of(Hashes.blake2b256("script-chain".getBytes(StandardCharsets.UTF_8)));
    static final BlockHash A = value("A");
    static final BlockHash B = value("B");
    static final BlockHash N1 = value("N1"); // what the machine proposes when it has no valid value
    static final Timeouts TIMEOUTS = new Timeouts(1000, 500, 600, 50, 700, 70);
    static final long HEIGHT = 1;

    final ValidatorSet set;
    final Ed25519KeyPair me;
    final List<Ed25519KeyPair> others = new ArrayList<>();
    final List<Ed25519KeyPair> all = new ArrayList<>();
    final Set<BlockHash> invalid = new HashSet<>();
    final List<String> signed = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();
    final List<Effect.ScheduleTimeout> scheduled = new ArrayList<>();
    final ConsensusMachine machine;

    static BlockHash value(String name) {
        return BlockHash.of(Hashes.blake2b256(("value " + name).getBytes(StandardCharsets.UTF_8)));
    }

    Script() {
        this(null);
    }

    Script(SignRecord lastSigned) {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Ed25519KeyPair key = DevKeys.derive("//Script" + i);
            all.add(key);
            validators.add(new Validator(ValidatorKey.of(key.publicKey()), 1));
        }
        set = ValidatorSet.of(validators);
        ValidatorKey proposer3 = set.proposer(3);
        Ed25519KeyPair mine = null;
        for (Ed25519KeyPair key : all) {
            if (ValidatorKey.of(key.publicKey()).equals(proposer3)) {
                mine = key;
            } else {
                others.add(key);
            }
        }
        me = mine;
        Application app = new Application() {
            @Override
            public BlockHash proposeValue(long height, int round) {
                return N1;
            }

            @Override
            public boolean isValid(long height, BlockHash value) {
                return !invalid.contains(value);
            }
        };
        machine = Bft.machine(new MachineConfig(CHAIN, me, app, TIMEOUTS, lastSigned));
    }

    Script start() {
        return record(machine.start(HEIGHT, set));
    }

    Script invalid(BlockHash value) {
        invalid.add(value);
        return this;
    }

    /** The round's proposer (one of the others) proposes {@code value} with {@code validRound}. */
    Script proposal(int round, BlockHash value, int validRound) {
        return record(machine.onProposal(proposalOf(round, value, validRound)));
    }

    Script proposal(int round, BlockHash value) {
        return proposal(round, value, -1);
    }

    Proposal proposalOf(int round, BlockHash value, int validRound) {
        Ed25519KeyPair proposer = keyOf(set.proposer(round));
        if (proposer == me) {
            throw new IllegalArgumentException("the machine proposes round " + round + " itself");
        }
        return Proposal.sign(proposer, CHAIN, HEIGHT, round, value, validRound);
    }

    Script prevotes(int round, BlockHash value, int count) {
        return votes(Step.PREVOTE, round, value, 0, count);
    }

    Script precommits(int round, BlockHash value, int count) {
        return votes(Step.PRECOMMIT, round, value, 0, count);
    }

    /** Votes of others number {@code from} to {@code from + count − 1}. */
    Script votes(Step type, int round, BlockHash value, int from, int count) {
        for (int i = from; i < from + count; i++) {
            record(machine.onVote(Vote.sign(others.get(i), CHAIN, type, HEIGHT, round, value)));
        }
        return this;
    }

    /** Fires a timeout, which the machine must have scheduled. */
    Script timeout(Step step, int round) {
        Timeout timeout = new Timeout(HEIGHT, round, step);
        assertTrue(
                scheduled.stream().anyMatch(s -> s.timeout().equals(timeout)),
                "the machine never scheduled " + timeout + "; scheduled: " + scheduled);
        return record(machine.onTimeout(timeout));
    }

    MachineStatus status() {
        return machine.status();
    }

    List<Effect.Decide> decisions() {
        return effects.stream()
                .filter(Effect.Decide.class::isInstance)
                .map(Effect.Decide.class::cast)
                .toList();
    }

    long delayOf(Step step, int round) {
        Timeout timeout = new Timeout(HEIGHT, round, step);
        return scheduled.stream()
                .filter(s -> s.timeout().equals(timeout))
                .findFirst()
                .orElseThrow()
                .delayMs();
    }

    private Ed25519KeyPair keyOf(ValidatorKey key) {
        return all.stream()
                .filter(k -> ValidatorKey.of(k.publicKey()).equals(key))
                .findFirst()
                .orElseThrow();
    }

    Script record(List<Effect> out) {
        for (Effect effect : out) {
            effects.add(effect);
            if (effect instanceof Effect.BroadcastVote v) {
                signed.add(v.vote().type() + " " + v.vote().round() + " "
                        + name(v.vote().value()));
            } else if (effect instanceof Effect.BroadcastProposal p) {
                signed.add("PROPOSAL " + p.proposal().round() + " "
                        + name(p.proposal().value()) + " vr=" + p.proposal().validRound());
            } else if (effect instanceof Effect.ScheduleTimeout t) {
                scheduled.add(t);
            }
        }
        return this;
    }

    static String name(BlockHash value) {
        if (value == null) {
            return "nil";
        }
        return value.equals(A) ? "A" : value.equals(B) ? "B" : value.equals(N1) ? "N1" : value.toString();
    }
}
