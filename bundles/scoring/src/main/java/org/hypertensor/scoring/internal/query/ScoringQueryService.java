package org.hypertensor.scoring.internal.query;

import java.util.List;
import java.util.Optional;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.ScoringQueries;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.api.Submission;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ScoringQueries} over the ledger's head state. */
@Component(service = ScoringQueries.class, immediate = true)
public final class ScoringQueryService implements ScoringQueries {

    private final Ledger ledger;

    @Activate
    public ScoringQueryService(@Reference Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public long currentEpoch() {
        return ledger.query(ctx -> ctx.blockNumber() / ctx.parameter("EpochLength"));
    }

    @Override
    public long lastClosedEpoch() {
        return currentEpoch() - 1;
    }

    @Override
    public Optional<EpochResult> epochResult(long subnet, long epoch) {
        return ledger.query(ctx -> ctx.runtime(ScoringRuntime.class).result(subnet, epoch));
    }

    @Override
    public List<Submission> submissions(long subnet, long epoch) {
        return ledger.query(ctx -> ctx.runtime(ScoringRuntime.class).submissions(subnet, epoch));
    }
}
