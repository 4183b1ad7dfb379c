package org.hypertensor.scoring.internal.epoch;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.scoring.api.EpochStatus;

/**
 * What consensus decided for one subnet's epoch, before it is applied to staking: the status, the subnet
 * counters, and one {@link NodeDecision} per member (same order as the input).
 */
public final class EpochDecision {

    public EpochStatus status;
    public long eligible;
    public long submissions;
    public long unconfirms;
    public long consecutiveUnconfirmed;
    /** Whether this epoch adds a subnet error. */
    public boolean subnetError;

    public final List<String> notes = new ArrayList<>();
    public final List<NodeDecision> nodes = new ArrayList<>();

    /** One node's decision; the module turns it into a {@code NodeOutcome}. */
    public static final class NodeDecision {
        public boolean submittable;
        public boolean submitted;
        public boolean unconfirmed;
        public long vouches;
        public long omissions;
        public Long score;
        public long judged;
        public long against;
        public long penalties;
        public boolean removed;
        public boolean forgive;
        public long streak;
        public final List<String> reasons = new ArrayList<>();

        public boolean participated() {
            return submitted || unconfirmed;
        }

        public boolean rewardable() {
            return score != null && participated() && !removed;
        }

        void penalize(String reason) {
            penalties++;
            reasons.add(reason);
        }
    }
}
