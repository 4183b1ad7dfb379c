package org.hypertensor.bft.internal.machine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ConsensusMachine;
import org.hypertensor.bft.api.DropReason;
import org.hypertensor.bft.api.Effect;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.MachineStatus;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Step;
import org.hypertensor.bft.api.Timeout;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.Signer;

/**
 * Algorithm 1 of "The latest gossip on BFT consensus" (Buchman, Kwon, Milosevic 2018). Line numbers in
 * comments are the paper's. After each input the "upon" rules are evaluated until none fires (the
 * paper executes them atomically). Deterministic: integer arithmetic, ordered maps, no clock.
 */
public final class TendermintMachine implements ConsensusMachine {

    /** Rounds above the current one whose messages are kept; further ones only count for line 55. */
    static final int FUTURE_ROUNDS = 16;
    /** Next-height messages buffered per validator of the current set. */
    static final int BUFFER_PER_VALIDATOR = 64;

    private final BlockHash chainId;
    private final Signer signer;
    private final ValidatorKey selfKey;
    private final Application application;
    private final Timeouts timeouts;
    private SignRecord lastSigned;

    private boolean started;
    private long height = -1;
    private int round;
    private Step step = Step.PROPOSE;
    private boolean decided;
    private ValidatorSet validators;
    private int self = -1;

    private BlockHash lockedValue;
    private int lockedRound = -1;
    private BlockHash validValue;
    private int validRound = -1;

    private final TreeMap<Integer, RoundState> rounds = new TreeMap<>();
    private final TreeMap<Integer, ValidatorKey> proposers = new TreeMap<>();
    private final TreeMap<BlockHash, Boolean> validity = new TreeMap<>();
    /** Per validator, the highest round of its verified messages at this height (−1 none): line 55. */
    private int[] highestRound = new int[0];

    private boolean roundSkipDirty;

    private final List<Object> nextHeight = new ArrayList<>();
    /** Next-height messages buffered per sender (index in the current set). */
    private int[] buffered = new int[0];
    /** This validator's signed messages of the current height, for {@link #retransmit()}. */
    private final List<Object> own = new ArrayList<>();

    private final EnumMap<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private long evidenceFound;
    private long guardRefusals;

    private List<Effect> out = new ArrayList<>();

    public TendermintMachine(MachineConfig config) {
        this.chainId = config.chainId();
        this.signer = config.signer();
        this.selfKey = signer == null ? null : ValidatorKey.of(signer.publicKey());
        this.application = config.application();
        this.timeouts = config.timeouts();
        this.lastSigned = config.lastSigned();
    }

    // ---- inputs

    @Override
    public List<Effect> start(long newHeight, ValidatorSet set) {
        if (newHeight < 0 || (started && newHeight <= height)) {
            throw new IllegalArgumentException("cannot start height " + newHeight + " at height " + height);
        }
        started = true;
        height = newHeight;
        validators = set;
        self = selfKey == null ? -1 : set.indexOf(selfKey);
        decided = false;
        lockedValue = null;
        lockedRound = -1;
        validValue = null;
        validRound = -1;
        rounds.clear();
        own.clear();
        proposers.clear();
        validity.clear();
        highestRound = new int[set.size()];
        buffered = new int[set.size()];
        Arrays.fill(highestRound, -1);
        roundSkipDirty = false;
        startRound(0);
        evaluate(0);
        List<Object> replay = new ArrayList<>(nextHeight);
        nextHeight.clear();
        for (Object message : replay) {
            if (message instanceof Vote vote) {
                receive(vote);
            } else if (message instanceof Proposal proposal) {
                receive(proposal);
            }
        }
        return drain();
    }

    @Override
    public List<Effect> onProposal(Proposal proposal) {
        receive(proposal);
        return drain();
    }

    @Override
    public List<Effect> onVote(Vote vote) {
        receive(vote);
        return drain();
    }

    @Override
    public List<Effect> onTimeout(Timeout timeout) {
        if (!started || decided || timeout.height() != height || timeout.round() != round) {
            return drain();
        }
        switch (timeout.step()) {
            case PROPOSE -> { // line 57
                if (step == Step.PROPOSE) {
                    castVote(Step.PREVOTE, null);
                    step = Step.PREVOTE;
                }
            }
            case PREVOTE -> { // line 61
                if (step == Step.PREVOTE) {
                    castVote(Step.PRECOMMIT, null);
                    step = Step.PRECOMMIT;
                }
            }
            case PRECOMMIT -> startRound(round + 1); // line 65
        }
        evaluate(round);
        return drain();
    }

    @Override
    public List<Effect> retransmit() {
        List<Effect> effects = new ArrayList<>();
        if (!started || decided) {
            return effects;
        }
        for (Object message : own) {
            if (message instanceof Proposal p && p.round() == round) {
                effects.add(new Effect.BroadcastProposal(p));
            } else if (message instanceof Vote v && v.round() == round) {
                effects.add(new Effect.BroadcastVote(v));
            }
        }
        return effects;
    }

    // ---- message intake

    private void receive(Proposal p) {
        int index = admit(p.height(), p.round(), p.proposer(), p, () -> p.verify(chainId));
        if (index < 0) {
            return;
        }
        if (!p.proposer().equals(proposer(p.round()))) {
            drop(DropReason.NOT_PROPOSER);
            return;
        }
        if (p.validRound() >= p.round()) {
            drop(DropReason.INVALID);
            return;
        }
        RoundState rs = roundState(p.round());
        Proposal known = rs.proposals.get(p.value());
        if (known != null) {
            drop(DropReason.DUPLICATE);
            return;
        }
        if (rs.proposals.size() >= RoundState.MAX_PROPOSALS) {
            drop(DropReason.PROPOSAL_LIMIT);
            return;
        }
        if (!p.verify(chainId)) {
            drop(DropReason.BAD_SIGNATURE);
            return;
        }
        addProposal(rs, p);
        noteRound(index, p.round());
        evaluate(p.round());
    }

    private void receive(Vote v) {
        int index = admit(v.height(), v.round(), v.validator(), v, () -> v.verify(chainId));
        if (index < 0) {
            return;
        }
        VoteTally tally = roundState(v.round()).tally(v.type());
        if (tally.has(index, v.value())) {
            drop(DropReason.DUPLICATE); // Ed25519 is deterministic: same value, same message
            return;
        }
        if (!tally.hasRoom(index)) {
            drop(DropReason.EQUIVOCATION);
            return;
        }
        if (!v.verify(chainId)) {
            drop(DropReason.BAD_SIGNATURE);
            return;
        }
        Vote existing = tally.first(index);
        if (existing != null && tally.markEvidenced(index)) {
            evidenceFound++;
            out.add(new Effect.EvidenceFound(Evidence.of(existing, v)));
        }
        tally.add(index, v);
        noteRound(index, v.round());
        evaluate(v.round());
    }

    /**
     * The sender's index when a message may go on: for the current undecided height, from a validator,
     * in a round close enough to keep. Otherwise −1, the message dropped, buffered (next height) or only
     * counted for line 55 (far rounds, {@code verify} checked first).
     */
    private int admit(
            long messageHeight, int messageRound, ValidatorKey sender, Object message, BooleanSupplier verify) {
        if (!admitHeight(messageHeight, sender, message)) {
            return -1;
        }
        int index = validators.indexOf(sender);
        if (index < 0) {
            drop(DropReason.NOT_VALIDATOR);
            return -1;
        }
        if (messageRound > round + FUTURE_ROUNDS) {
            farRound(index, messageRound, verify);
            return -1;
        }
        return index;
    }

    /**
     * Whether a message is for the current, undecided height. Next-height messages are buffered, unverified,
     * from validators of the current set only and at most {@link #BUFFER_PER_VALIDATOR} per sender, so one
     * sender cannot crowd the others out (a validator that joins at the next height is heard once it starts).
     */
    private boolean admitHeight(long messageHeight, ValidatorKey sender, Object message) {
        if (!started) {
            drop(DropReason.NOT_STARTED);
            return false;
        }
        if (messageHeight == height + 1) {
            int index = validators.indexOf(sender);
            if (index < 0) {
                drop(DropReason.NOT_VALIDATOR);
            } else if (buffered[index] >= BUFFER_PER_VALIDATOR) {
                drop(DropReason.BUFFER_FULL);
            } else {
                buffered[index]++;
                nextHeight.add(message);
            }
            return false;
        }
        if (messageHeight != height) {
            drop(DropReason.OTHER_HEIGHT);
            return false;
        }
        return !decided; // late messages of a decided height change nothing
    }

    /** A message too far ahead to keep: it only raises its sender's highest round (line 55). */
    private void farRound(int index, int messageRound, BooleanSupplier verify) {
        drop(DropReason.ROUND_TOO_FAR);
        if (messageRound > highestRound[index] && verify.getAsBoolean()) {
            noteRound(index, messageRound);
            evaluate(round);
        }
    }

    private void noteRound(int index, int messageRound) {
        if (messageRound > highestRound[index]) {
            highestRound[index] = messageRound;
            roundSkipDirty |= messageRound > round;
        }
    }

    private void addProposal(RoundState rs, Proposal p) {
        rs.proposals.put(p.value(), p);
        if (rs.first == null) {
            rs.first = p;
        }
    }

    // ---- the upon rules

    /** Evaluates the rules until none fires; {@code messageRound} is the round the input touched. */
    private void evaluate(int messageRound) {
        boolean changed = true;
        while (changed && !decided) {
            changed = false;
            if (decideIfCommitted(messageRound) || decideIfCommitted(round)) {
                return;
            }
            changed |= skipRound();
            changed |= prevoteOnProposal();
            scheduleTimeouts();
            changed |= lockOnPolka();
            changed |= precommitNilOnNilPolka();
        }
    }

    /** Lines 22 and 28: the round's proposal while in the propose step. */
    private boolean prevoteOnProposal() {
        RoundState rs = rounds.get(round);
        if (step != Step.PROPOSE || rs == null || rs.first == null) {
            return false;
        }
        Proposal p = rs.first;
        BlockHash v = p.value();
        int vr = p.validRound();
        boolean vote;
        if (vr == -1) { // line 22
            vote = valid(v) && (lockedRound == -1 || v.equals(lockedValue));
        } else { // line 28: needs a polka for v in round vr < round
            RoundState polka = rounds.get(vr);
            if (polka == null || !polka.prevotes.hasQuorum(v)) {
                return false;
            }
            vote = valid(v) && (lockedRound <= vr || v.equals(lockedValue));
        }
        castVote(Step.PREVOTE, vote ? v : null);
        step = Step.PREVOTE;
        return true;
    }

    /** Lines 34 and 47: the prevote and precommit timeouts, once per round, on any 2f+1 votes. */
    private void scheduleTimeouts() {
        RoundState rs = rounds.get(round);
        if (rs == null) {
            return;
        }
        if (step == Step.PREVOTE && !rs.prevoteTimeoutScheduled && rs.prevotes.anyQuorum()) {
            rs.prevoteTimeoutScheduled = true;
            schedule(Step.PREVOTE);
        }
        if (!rs.precommitTimeoutScheduled && rs.precommits.anyQuorum()) {
            rs.precommitTimeoutScheduled = true;
            schedule(Step.PRECOMMIT);
        }
    }

    /** Line 36: a polka for the round's proposal: lock and precommit it (from prevote), remember it as valid. */
    private boolean lockOnPolka() {
        RoundState rs = rounds.get(round);
        if (rs == null || rs.polkaSeen || step == Step.PROPOSE) {
            return false;
        }
        BlockHash v = rs.prevotes.quorumValue();
        if (v == null || !rs.proposals.containsKey(v) || !valid(v)) {
            return false;
        }
        rs.polkaSeen = true;
        if (step == Step.PREVOTE) {
            lockedValue = v;
            lockedRound = round;
            castVote(Step.PRECOMMIT, v);
            step = Step.PRECOMMIT;
        }
        validValue = v;
        validRound = round;
        return true;
    }

    /** Line 44: 2f+1 nil prevotes: precommit nil. */
    private boolean precommitNilOnNilPolka() {
        RoundState rs = rounds.get(round);
        if (step != Step.PREVOTE || rs == null || !rs.prevotes.nilQuorum()) {
            return false;
        }
        castVote(Step.PRECOMMIT, null);
        step = Step.PRECOMMIT;
        return true;
    }

    /** Line 49: 2f+1 precommits for a proposed, valid value in any round of this height: decide. */
    private boolean decideIfCommitted(int r) {
        RoundState rs = rounds.get(r);
        if (rs == null) {
            return false;
        }
        BlockHash v = rs.precommits.quorumValue();
        if (v == null || !rs.proposals.containsKey(v) || !valid(v)) {
            return false;
        }
        decided = true;
        out.add(new Effect.Decide(height, v, Certificate.of(rs.precommits.votesFor(v))));
        return true;
    }

    /**
     * Line 55: messages of a higher round from more than 1/3 of the power: go to that round. Counted per
     * validator by its highest round, so the machine moves to the highest round R such that validators
     * with more than 1/3 of the power sent messages at R or above (at least one honest one is there).
     */
    private boolean skipRound() {
        if (!roundSkipDirty) {
            return false;
        }
        roundSkipDirty = false;
        Integer[] order = new Integer[highestRound.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(highestRound[b], highestRound[a]));
        long power = 0;
        for (int i : order) {
            if (highestRound[i] <= round) {
                return false;
            }
            power += validators.power(i);
            if (validators.exceedsOneThird(power)) {
                startRound(highestRound[i]);
                return true;
            }
        }
        return false;
    }

    // ---- actions

    /** StartRound of the paper: the proposer proposes its valid value or a new block; others wait. */
    private void startRound(int r) {
        round = r;
        step = Step.PROPOSE;
        RoundState rs = roundState(r);
        if (self >= 0 && selfKey.equals(proposer(r))) {
            BlockHash value = validValue != null ? validValue : application.proposeValue(height, r);
            SignRecord record = new SignRecord(height, r, Step.PROPOSE, value);
            if (mayRelease(record)) {
                Proposal proposal = Proposal.sign(signer, chainId, height, r, value, validRound);
                out.add(new Effect.BroadcastProposal(proposal));
                addProposal(rs, proposal);
                own.add(proposal);
                return;
            }
        }
        schedule(Step.PROPOSE);
    }

    /** Signs and broadcasts a vote of the current round, counting it at once (no echo needed). */
    private void castVote(Step type, BlockHash value) {
        if (self < 0) {
            return; // a follower: steps along, signs nothing
        }
        if (!mayRelease(new SignRecord(height, round, type, value))) {
            return;
        }
        Vote vote = Vote.sign(signer, chainId, type, height, round, value);
        out.add(new Effect.BroadcastVote(vote));
        VoteTally tally = roundState(round).tally(type);
        if (!tally.has(self, value)) {
            tally.add(self, vote);
        }
        own.add(vote);
    }

    /** The double-sign rule against the last record; on success emits the guard effect and moves it. */
    private boolean mayRelease(SignRecord record) {
        if (lastSigned != null && !lastSigned.allows(record)) {
            guardRefusals++;
            return false;
        }
        lastSigned = record;
        out.add(new Effect.AboutToSign(record));
        return true;
    }

    private void schedule(Step timeoutStep) {
        out.add(new Effect.ScheduleTimeout(
                new Timeout(height, round, timeoutStep), timeouts.durationMs(timeoutStep, round)));
    }

    // ---- helpers

    private RoundState roundState(int r) {
        return rounds.computeIfAbsent(r, k -> new RoundState(validators));
    }

    private ValidatorKey proposer(int r) {
        return proposers.computeIfAbsent(r, validators::proposer);
    }

    private boolean valid(BlockHash value) {
        return validity.computeIfAbsent(value, v -> application.isValid(height, v));
    }

    private void drop(DropReason reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    private List<Effect> drain() {
        List<Effect> effects = out;
        out = new ArrayList<>();
        return effects;
    }

    @Override
    public MachineStatus status() {
        RoundState rs = started ? rounds.get(round) : null;
        return new MachineStatus(
                height,
                round,
                step,
                decided,
                lockedRound,
                lockedValue,
                validRound,
                validValue,
                rs == null ? List.of() : rs.prevotes.voters(),
                rs == null ? List.of() : rs.precommits.voters(),
                Map.copyOf(dropped),
                evidenceFound,
                guardRefusals);
    }
}
