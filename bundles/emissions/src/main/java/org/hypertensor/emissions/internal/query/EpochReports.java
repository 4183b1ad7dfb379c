package org.hypertensor.emissions.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.SubnetEpochReport;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.scoring.api.ScoringRuntime;

/** Joins a subnet's consensus result and its payout for one epoch. */
public final class EpochReports {

    private EpochReports() {}

    public static Optional<SubnetEpochReport> of(RuntimeContext ctx, long subnet, long epoch) {
        return ctx.runtime(ScoringRuntime.class).result(subnet, epoch).map(result -> {
            Optional<EpochPayout> p = ctx.runtime(EmissionsRuntime.class).payout(epoch);
            if (p.isEmpty()) {
                return new SubnetEpochReport(result, null, List.of("epoch " + epoch + " is not paid (yet)"));
            }
            SubnetPayout paid = p.get().subnets().stream()
                    .filter(s -> s.subnet() == subnet)
                    .findFirst()
                    .orElse(null);
            List<String> notes = new ArrayList<>(p.get().notes());
            if (paid == null && !result.inConsensus()) {
                notes.add(0, "not paid: the epoch ended " + result.status());
            }
            return new SubnetEpochReport(result, paid, List.copyOf(notes));
        });
    }
}
