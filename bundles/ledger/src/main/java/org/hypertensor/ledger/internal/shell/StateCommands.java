package org.hypertensor.ledger.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code ledger:state}: the chain stores' state (keys, size on disk, bucket cache), from the store service. */
@Component(
        service = StateCommands.class,
        immediate = true,
        property = {"osgi.command.scope=ledger", "osgi.command.function=state"})
public final class StateCommands {
    private static final long MIB = 1 << 20;

    private final ChainStoreFactory stores;
    private final Ledger ledger;

    @Activate
    public StateCommands(
            @Reference ChainStoreFactory stores,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Ledger ledger) {
        this.stores = stores;
        this.ledger = ledger;
    }

    @Descriptor("the chain state: keys, size on disk, state cache use and hit rate, mode, states kept, history,"
            + " block bodies kept")
    public Table state() {
        Table table = Table.properties();
        for (StoreStats s : stores.stats()) {
            long rate = s.hitRatePerTenThousand();
            table.row("store", s.directory().toString())
                    .row("head", s.head() < 0 ? "none" : "#" + s.head())
                    .row("keys", Long.toString(s.keys()))
                    .row("on disk", mib(s.diskBytes()))
                    .row("cache", mib(s.cacheBytes()) + " of " + mib(s.cacheLimitBytes()))
                    .row(
                            "cache hit rate",
                            rate / 100 + "." + String.format(java.util.Locale.ROOT, "%02d", rate % 100) + " % ("
                                    + s.cacheHits() + " hits, " + s.cacheMisses() + " misses, " + s.cacheEvictions()
                                    + " evicted)")
                    .row("mode", s.archive() ? "archive (every state kept)" : "pruned")
                    .row(
                            "states kept",
                            s.head() < 0
                                    ? "none"
                                    : "#" + s.oldestState() + " .. #" + s.head() + (s.archive() ? " (all)" : ""));
            if (s.archive()) {
                table.row("history", s.historyRows() + " rows, " + mib(s.historyBytes()));
            }
            table.row("rows behind", s.rowsBehind() + " blocks (state rows not yet written; state.rows.behind)");
        }
        if (table.rows().isEmpty()) {
            table.row("store", "none open");
        }
        if (ledger != null) {
            long keep = ledger.blocksKeep();
            table.row("blocks.keep", keep == 0 ? "all" : keep + " finalized blocks")
                    .row(
                            "bodies from",
                            ledger.bodiesFrom() == 0
                                    ? "#0 (every block)"
                                    : "#" + ledger.bodiesFrom() + " (lower blocks: headers only)");
        }
        return table;
    }

    private static String mib(long bytes) {
        long tenths = bytes * 10 / MIB;
        return tenths / 10 + "." + tenths % 10 + " MiB";
    }
}
