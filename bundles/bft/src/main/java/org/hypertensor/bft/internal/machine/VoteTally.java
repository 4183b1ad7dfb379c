package org.hypertensor.bft.internal.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;

/**
 * The votes of one height, round and type: at most one per validator (by index in the set), with the
 * power behind each value, nil and all of them. Each validator counts once, so at most one value can
 * hold a quorum.
 */
final class VoteTally {

    private final ValidatorSet validators;
    private final Vote[] votes;
    private final boolean[] evidenced;
    private final TreeMap<BlockHash, Long> powerByValue = new TreeMap<>();
    private long nilPower;
    private long anyPower;
    private BlockHash quorumValue;

    VoteTally(ValidatorSet validators) {
        this.validators = validators;
        this.votes = new Vote[validators.size()];
        this.evidenced = new boolean[validators.size()];
    }

    /** The vote of validator {@code index} so far, or null. */
    Vote get(int index) {
        return votes[index];
    }

    /** Marks the validator's equivocation at this slot as reported; false if it already was. */
    boolean markEvidenced(int index) {
        boolean first = !evidenced[index];
        evidenced[index] = true;
        return first;
    }

    /** Adds a verified vote of a validator that has none here yet. */
    void add(int index, Vote vote) {
        votes[index] = vote;
        long power = validators.power(index);
        anyPower += power;
        if (vote.value() == null) {
            nilPower += power;
        } else {
            long sum = powerByValue.merge(vote.value(), power, Long::sum);
            if (validators.isQuorum(sum)) {
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
        return value.equals(quorumValue);
    }

    /** The votes for {@code value}, in validator (key) order. */
    List<Vote> votesFor(BlockHash value) {
        List<Vote> out = new ArrayList<>();
        for (Vote vote : votes) {
            if (vote != null && value.equals(vote.value())) {
                out.add(vote);
            }
        }
        return out;
    }

    /** The validators who voted, in key order. */
    List<ValidatorKey> voters() {
        List<ValidatorKey> out = new ArrayList<>();
        for (Vote vote : votes) {
            if (vote != null) {
                out.add(vote.validator());
            }
        }
        return out;
    }
}
