package org.hypertensor.consensus.internal.query;

import java.util.List;
import java.util.Optional;

import org.hypertensor.consensus.api.ConsensusQueries;
import org.hypertensor.consensus.api.ConsensusRuntime;
import org.hypertensor.consensus.api.EpochResult;
import org.hypertensor.consensus.api.Submission;
import org.hypertensor.ledger.api.Ledger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ConsensusQueries} over the ledger's head state. */
@Component(service = ConsensusQueries.class, immediate = true)
public final class ConsensusQueryService implements ConsensusQueries {

    private final Ledger ledger;

    @Activate
    public ConsensusQueryService(@Reference Ledger ledger) {
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
        return ledger.query(ctx -> ctx.runtime(ConsensusRuntime.class).result(subnet, epoch));
    }

    @Override
    public List<Submission> submissions(long subnet, long epoch) {
        return ledger.query(ctx -> ctx.runtime(ConsensusRuntime.class).submissions(subnet, epoch));
    }
}
