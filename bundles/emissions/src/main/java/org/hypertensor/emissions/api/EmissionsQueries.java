package org.hypertensor.emissions.api;

import java.math.BigInteger;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Read-only emissions queries at head, as an OSGi service (RPC, {@code emissions:} shell). */
@ProviderType
public interface EmissionsQueries {

    /** The rewards vault now. */
    BigInteger vault();

    Optional<EpochPayout> payout(long epoch);

    Optional<EpochPayout> lastPayout();

    /** Consensus result and payout of one subnet's epoch; empty when consensus kept no result for it. */
    Optional<SubnetEpochReport> epochReport(long subnet, long epoch);
}
