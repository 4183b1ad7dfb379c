package org.hypertensor.scoring.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The consensus module's typed runtime API ({@code context.runtime(ScoringRuntime.class)}). */
@ProviderType
public interface ScoringRuntime {

    /** The result of a closed epoch, kept for {@link #HISTORY_EPOCHS} epochs. */
    Optional<EpochResult> result(long subnet, long epoch);

    /** The submissions recorded so far in {@code epoch} (the running one until its consensus block). */
    List<Submission> submissions(long subnet, long epoch);

    /** How many closed epochs of results the state keeps per subnet. */
    long HISTORY_EPOCHS = 64;
}
