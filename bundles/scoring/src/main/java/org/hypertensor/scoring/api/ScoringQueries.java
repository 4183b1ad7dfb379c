package org.hypertensor.scoring.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Read-only consensus queries at head, as an OSGi service (RPC {@code network_getEpochResult}, shells). */
@ProviderType
public interface ScoringQueries {

    /** The epoch of the head block. */
    long currentEpoch();

    /** The last closed epoch ({@code currentEpoch() − 1}), or −1 before the first. */
    long lastClosedEpoch();

    Optional<EpochResult> epochResult(long subnet, long epoch);

    List<Submission> submissions(long subnet, long epoch);
}
