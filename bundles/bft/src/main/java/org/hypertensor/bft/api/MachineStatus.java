package org.hypertensor.bft.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the machine for operators ({@code ledger:finality}): where it is, its lock and valid
 * value, who voted in the current round, and what it dropped, by reason.
 *
 * @param height the height being decided (or last decided, while {@code decided})
 * @param round the current round
 * @param step the current step
 * @param decided whether this height is decided (waiting for the next {@code start})
 * @param lockedRound −1 when not locked
 * @param lockedValue null when not locked
 * @param validRound −1 when none
 * @param validValue null when none
 * @param prevoters validators whose prevote of the current round arrived, in key order
 * @param precommitters validators whose precommit of the current round arrived, in key order
 * @param dropped messages ignored so far, by reason (all reasons present, in declaration order)
 * @param evidenceFound equivocations detected so far
 * @param guardRefusals messages the double-sign rule kept the machine from signing
 */
public record MachineStatus(
        long height,
        int round,
        Step step,
        boolean decided,
        int lockedRound,
        BlockHash lockedValue,
        int validRound,
        BlockHash validValue,
        List<ValidatorKey> prevoters,
        List<ValidatorKey> precommitters,
        Map<DropReason, Long> dropped,
        long evidenceFound,
        long guardRefusals) {

    public MachineStatus {
        prevoters = List.copyOf(prevoters);
        precommitters = List.copyOf(precommitters);
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            copy.put(reason, dropped.getOrDefault(reason, 0L));
        }
        dropped = Collections.unmodifiableMap(copy);
    }

    /** The number of messages dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
