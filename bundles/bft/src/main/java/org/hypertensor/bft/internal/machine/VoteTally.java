package org.hypertensor.bft.internal.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;

/**
 * The votes of one height, round and type. A validator counts once towards "any" (its first vote) but
 * towards every value it signed: an equivocator's second vote is evidence and still counts for its value,
 * because another correct node may have counted it there, and this node must be able to see the same
 * quorum (the paper counts messages; quorum intersection holds with equivocators in both sets). A
 * validator's values per slot are bounded. With less than 1/3 of the power equivocating, at most one
 * value reaches a quorum.
 */
final class VoteTally {

    /** Distinct values kept per validator and slot (an honest validator signs one). */
    static final int MAX_VALUES_PER_VALIDATOR = 4;

    private final ValidatorSet validators;
    private final Vote[] first;
    private final int[] values;
    private final boolean[] evidenced;
    private final Vote[] nil;
    private final TreeMap<BlockHash, Vote[]> byValue = new TreeMap<>();
    private final TreeMap<BlockHash, Long> powerByValue = new TreeMap<>();
    private long nilPower;
    private long anyPower;
    private BlockHash quorumValue;

    VoteTally(ValidatorSet validators) {
        this.validators = validators;
        this.first = new Vote[validators.size()];
        this.values = new int[validators.size()];
        this.evidenced = new boolean[validators.size()];
        this.nil = new Vote[validators.size()];
    }

    /** The first vote of validator {@code index}, or null. */
    Vote first(int index) {
        return first[index];
    }

    /** Whether validator {@code index} already has a vote for {@code value} (null: nil) here. */
    boolean has(int index, BlockHash value) {
        Vote[] row = value == null ? nil : byValue.get(value);
        return row != null && row[index] != null;
    }

    /** Whether validator {@code index} may add another distinct value. */
    boolean hasRoom(int index) {
        return values[index] < MAX_VALUES_PER_VALIDATOR;
    }

    /** Marks the validator's equivocation at this slot as reported; false if it already was. */
    boolean markEvidenced(int index) {
        boolean fresh = !evidenced[index];
        evidenced[index] = true;
        return fresh;
    }

    /** Adds a verified vote for a value the validator has no vote for here. */
    void add(int index, Vote vote) {
        long power = validators.power(index);
        values[index]++;
        if (first[index] == null) {
            first[index] = vote;
            anyPower += power;
        }
        if (vote.value() == null) {
            nil[index] = vote;
            nilPower += power;
        } else {
            byValue.computeIfAbsent(vote.value(), v -> new Vote[validators.size()])[index] = vote;
            long sum = powerByValue.merge(vote.value(), power, Long::sum);
            if (quorumValue == null && validators.isQuorum(sum)) {
                quorumValue = vote.value();
            }
        }
    }

    /** Whether more than 2/3 of the power voted, for anything (the paper's 2f+1 ⟨·, ∗⟩). */
    boolean anyQuorum() {
        return validators.isQuorum(anyPower);
    }

    /** Whether more than 2/3 of the power voted nil. */
    boolean nilQuorum() {
        return validators.isQuorum(nilPower);
    }

    /** The value more than 2/3 of the power voted for, or null. */
    BlockHash quorumValue() {
        return quorumValue;
    }

    /** Whether more than 2/3 of the power voted for {@code value}. */
    boolean hasQuorum(BlockHash value) {
        return validators.isQuorum(powerByValue.getOrDefault(value, 0L));
    }

    /** The votes for {@code value}, in validator (key) order. */
    List<Vote> votesFor(BlockHash value) {
        List<Vote> out = new ArrayList<>();
        Vote[] row = byValue.get(value);
        if (row != null) {
            for (Vote vote : row) {
                if (vote != null) {
                    out.add(vote);
                }
            }
        }
        return out;
    }

    /** The validators who voted, in key order. */
    List<ValidatorKey> voters() {
        List<ValidatorKey> out = new ArrayList<>();
        for (Vote vote : first) {
            if (vote != null) {
                out.add(vote.validator());
            }
        }
        return out;
    }
}
