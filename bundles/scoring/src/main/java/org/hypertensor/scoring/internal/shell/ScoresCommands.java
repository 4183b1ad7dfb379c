package org.hypertensor.scoring.internal.shell;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringQueries;
import org.hypertensor.scoring.api.Submission;
import org.hypertensor.staking.api.CallSubmitter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code scores:} commands: submit, unconfirm, show (an epoch's result, node by node, with the reasons). */
@Component(
        service = ScoresCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=scores",
            "osgi.command.function=submit",
            "osgi.command.function=unconfirm",
            "osgi.command.function=show"
        })
public final class ScoresCommands {

    private final Ledger ledger;
    private final ScoringQueries queries;
    private final Keystore keystore;

    @Activate
    public ScoresCommands(
            @Reference Ledger ledger,
            @Reference ScoringQueries queries,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore) {
        this.ledger = ledger;
        this.queries = queries;
        this.keystore = keystore;
    }

    @Descriptor("submit this epoch's scores: PEER_ID=SCORE ... (1..10000 bp each); free when it succeeds")
    public Table submit(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String subnet,
            @Descriptor("PEER_ID=SCORE entries") String... scores) {
        List<ScoreEntry> entries = new ArrayList<>();
        for (String s : scores) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0) {
                throw new CommandError("a score is PEER_ID=SCORE, not '" + s + "'");
            }
            entries.add(new ScoreEntry(s.substring(0, eq), Commands.number(s.substring(eq + 1), "score", 1, 10_000)));
        }
        return send(key, ScoringCalls.submitScores(id(subnet), entries));
    }

    @Descriptor("declare this epoch's subnet state broken (once per epoch); free when it succeeds")
    public Table unconfirm(
            @Descriptor("signing key")
                    @Parameter(
                            names = {"-k", "--key"},
                            absentValue = "")
                    String key,
            @Descriptor("subnet id") String subnet) {
        return send(key, ScoringCalls.unconfirmScores(id(subnet)));
    }

    @Descriptor("the last closed epoch's result (or EPOCH's): who was scored, penalized, removed, slashed, and why")
    public Report show(
            @Descriptor("subnet id") String subnet,
            @Descriptor("epoch (default: the last closed one)") String... epoch) {
        long id = id(subnet);
        long current = queries.currentEpoch();
        long e = epoch.length == 0 ? current - 1 : Commands.number(epoch[0], "epoch", 0, Long.MAX_VALUE);
        Report report = Report.create();
        if (e == current) {
            return report.section(
                    "Epoch " + e + " of subnet " + id + " (running): submissions so far", submissions(id, e));
        }
        EpochResult r = queries.epochResult(id, e)
                .orElseThrow(() -> new CommandError("no result for subnet " + id + " epoch " + e
                        + " (results are kept for 64 epochs; the running epoch is " + current + ")"));
        Table summary = Table.properties()
                .row("status", r.status())
                .row("closed at block", r.block())
                .row("submit-eligible nodes", r.eligible())
                .row("took part", r.submissions())
                .row("unconfirmed", r.unconfirms())
                .row("subnet errors", r.subnetErrors());
        r.notes().forEach(n -> summary.row("note", n));
        Table nodes = Table.of(
                "PEER ID",
                "ACCOUNT",
                "TOOK PART",
                "VOUCH/OMIT",
                "SCORE",
                "PAID",
                "AGAINST",
                "PENALTIES",
                "REMOVED",
                "SLASHED",
                "WHY");
        for (NodeOutcome o : r.nodes()) {
            String part = o.submitted()
                    ? (o.unconfirmed() ? "scores+unconfirm" : "scores")
                    : o.unconfirmed() ? "unconfirm" : o.submittable() ? "NO" : "(not yet)";
            nodes.row(
                    o.peerId(),
                    Accounts.format(o.account()),
                    part,
                    o.vouches() + "/" + o.omissions(),
                    o.score(),
                    o.rewardable() ? "yes" : "no",
                    o.against() + "/" + o.judged(),
                    o.penalties() + (o.forgiven() ? " (-1 forgiven)" : ""),
                    o.removed() ? "REMOVED" : "",
                    o.slashed().signum() > 0 ? Amounts.format(o.slashed()) : "",
                    o.reasons().isEmpty() ? "" : String.join("; ", o.reasons()));
        }
        return report.section("Epoch " + e + " of subnet " + id, summary).section("Nodes", nodes);
    }

    private Table submissions(long subnet, long epoch) {
        Table t = Table.of("SUBMITTER", "SCORES", "UNCONFIRMED", "ENTRIES (0 = omitted)");
        for (Submission s : queries.submissions(subnet, epoch)) {
            StringBuilder b = new StringBuilder();
            for (ScoreEntry e : s.scores()) {
                b.append(b.length() == 0 ? "" : " ")
                        .append(shortPeer(e.peerId()))
                        .append('=')
                        .append(e.score());
            }
            t.row(s.peerId(), s.submitted() ? "yes" : "no", s.unconfirmed() ? "yes" : "no", b);
        }
        return t;
    }

    private static String shortPeer(String peer) {
        return peer.length() > 16 ? "…" + peer.substring(peer.length() - 8) : peer;
    }

    private Table send(String key, Call call) {
        return CallSubmitter.forShell(ledger, keystore, key, call);
    }

    private static long id(String text) {
        return Commands.number(text, "subnet id", 0, 0xFFFF_FFFFL);
    }
}
