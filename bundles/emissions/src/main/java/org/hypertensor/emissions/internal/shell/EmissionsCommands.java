package org.hypertensor.emissions.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.hypertensor.emissions.api.EmissionsQueries;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code emissions:} commands: the vault and the last (or a given) epoch's payout, node by node. */
@Component(
        service = EmissionsCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=emissions",
            "osgi.command.function=vault",
            "osgi.command.function=last",
            "osgi.command.function=payout"
        })
public final class EmissionsCommands {

    private final EmissionsQueries queries;

    @Activate
    public EmissionsCommands(@Reference EmissionsQueries queries) {
        this.queries = queries;
    }

    @Descriptor("the rewards vault now, and what the last payout took from it")
    public Table vault() {
        Table t = Table.properties().row("vault", Amounts.format(queries.vault()));
        queries.lastPayout()
                .ifPresent(p -> t.row(
                        "last payout",
                        "epoch " + p.epoch() + " at block " + p.block() + ": paid "
                                + Amounts.format(p.paid()) + " of " + Amounts.format(p.vaultBefore())
                                + ", carried over "
                                + Amounts.format(p.vaultAfter())));
        return t;
    }

    @Descriptor("the last epoch payout: subnet weights, pots and each node's reward")
    public Report last() {
        return report(queries.lastPayout().orElseThrow(() -> new CommandError("no epoch has been paid yet")));
    }

    @Descriptor("an epoch's payout (kept for 64 epochs)")
    public Report payout(@Descriptor("epoch") long epoch) {
        Commands.range(epoch, "epoch", 0, Long.MAX_VALUE);
        return report(
                queries.payout(epoch).orElseThrow(() -> new CommandError("no payout recorded for epoch " + epoch)));
    }

    private static Report report(EpochPayout p) {
        Table summary = Table.properties()
                .row("epoch", p.epoch())
                .row("paid at block", p.block())
                .row("vault before", Amounts.format(p.vaultBefore()))
                .row("paid", Amounts.format(p.paid()))
                .row("carried over", Amounts.format(p.vaultAfter()));
        p.dropped().forEach(d -> summary.row("dropped", "subnet " + d + " (weight 0: one epoch error)"));
        p.notes().forEach(n -> summary.row("note", n));
        Table subnets = Table.of("SUBNET", "REWARDABLE STAKE", "WEIGHT (bp)", "POT", "PAID", "NODES");
        Table nodes = Table.of("SUBNET", "PEER ID", "ACCOUNT", "STAKE", "SCORE", "REWARD", "TO STAKE", "TO FREE");
        for (SubnetPayout s : p.subnets()) {
            subnets.row(
                    s.subnet(),
                    Amounts.format(s.stake()),
                    s.weightBp(),
                    Amounts.format(s.pot()),
                    Amounts.format(s.paid()),
                    s.nodes().size());
            for (NodeReward n : s.nodes()) {
                nodes.row(
                        s.subnet(),
                        n.peerId(),
                        Accounts.format(n.account()),
                        Amounts.format(n.stake()),
                        n.score(),
                        Amounts.format(n.reward()),
                        Amounts.format(n.toStake()),
                        Amounts.format(n.toFree()));
            }
        }
        return Report.create()
                .section("Payout", summary)
                .section("Subnets", subnets)
                .section("Nodes", nodes);
    }
}
