package org.hypertensor.bft.api;

import java.util.Objects;

/**
 * An output of the {@link ConsensusMachine}, to be performed in order by its driver. The machine itself
 * sends, stores and waits for nothing.
 */
public sealed interface Effect {

    /**
     * The machine is about to release a message it signed: persist the record in the {@link SignGuard}
     * before performing the broadcast that follows; if that fails, release nothing more.
     */
    record AboutToSign(SignRecord record) implements Effect {
        public AboutToSign {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Send this proposal (and the block bytes the adaptor holds for its hash) to all validators. */
    record BroadcastProposal(Proposal proposal) implements Effect {
        public BroadcastProposal {
            Objects.requireNonNull(proposal, "proposal");
        }
    }

    /** Send this vote to all validators. */
    record BroadcastVote(Vote vote) implements Effect {
        public BroadcastVote {
            Objects.requireNonNull(vote, "vote");
        }
    }

    /** Feed {@code timeout} back to {@link ConsensusMachine#onTimeout} after {@code delayMs} milliseconds. */
    record ScheduleTimeout(Timeout timeout, long delayMs) implements Effect {
        public ScheduleTimeout {
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * Block {@code value} is final at {@code height}: commit it with {@code certificate}, then
     * {@link ConsensusMachine#start} the next height.
     */
    record Decide(long height, BlockHash value, Certificate certificate) implements Effect {
        public Decide {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** A validator equivocated: submit the evidence (a transaction). */
    record EvidenceFound(Evidence evidence) implements Effect {
        public EvidenceFound {
            Objects.requireNonNull(evidence, "evidence");
        }
    }
}
