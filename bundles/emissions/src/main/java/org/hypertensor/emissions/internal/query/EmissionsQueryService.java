package org.hypertensor.emissions.internal.query;

import java.math.BigInteger;
import java.util.Optional;
import org.hypertensor.emissions.api.EmissionsQueries;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.SubnetEpochReport;
import org.hypertensor.ledger.api.Ledger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link EmissionsQueries} over the ledger's head state. */
@Component(service = EmissionsQueries.class, immediate = true)
public final class EmissionsQueryService implements EmissionsQueries {

    private final Ledger ledger;

    @Activate
    public EmissionsQueryService(@Reference Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public BigInteger vault() {
        return ledger.query(ctx -> ctx.balances().vault());
    }

    @Override
    public Optional<EpochPayout> payout(long epoch) {
        return ledger.query(ctx -> ctx.runtime(EmissionsRuntime.class).payout(epoch));
    }

    @Override
    public Optional<SubnetEpochReport> epochReport(long subnet, long epoch) {
        return ledger.query(ctx -> EpochReports.of(ctx, subnet, epoch));
    }

    @Override
    public Optional<EpochPayout> lastPayout() {
        return ledger.query(ctx -> ctx.runtime(EmissionsRuntime.class).lastPayout());
    }
}
