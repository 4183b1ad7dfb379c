package org.hypertensor.emissions.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The emissions module's typed runtime API ({@code context.runtime(EmissionsRuntime.class)}). */
@ProviderType
public interface EmissionsRuntime {

    /** How many epochs of payouts the state keeps. */
    long HISTORY_EPOCHS = 64;

    Optional<EpochPayout> payout(long epoch);

    Optional<EpochPayout> lastPayout();
}
