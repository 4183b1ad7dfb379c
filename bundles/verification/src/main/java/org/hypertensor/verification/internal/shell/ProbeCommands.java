package org.hypertensor.verification.internal.shell;

import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.verification.internal.osgi.VerificationComponent;
import org.hypertensor.verification.internal.probe.Evidence;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.hypertensor.verification.internal.score.Round;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code scores:probes} and {@code scores:evidence}: what the verifier probed and what it caught. */
@Component(
        service = ProbeCommands.class,
        immediate = true,
        property = {"osgi.command.scope=scores", "osgi.command.function=probes", "osgi.command.function=evidence"})
public final class ProbeCommands {

    private final VerificationComponent verification;

    @Activate
    public ProbeCommands(@Reference VerificationComponent verification) {
        this.verification = verification;
    }

    @Descriptor("the probes of the previous and the running epoch: target, blocks, result, latency, and the scores")
    public Report probes() {
        Report report = Report.create();
        report.section("verifier", Table.properties().row("status", verification.status()));
        for (Round.View round : verification.rounds()) {
            Table t = Table.of("TARGET", "BLOCKS", "RESULT", "LATENCY_MS", "MAX_ERROR", "SCORE", "DETAIL");
            for (ProbeReport p : round.reports()) {
                Long score = round.scores().get(p.target());
                t.row(
                        p.target(),
                        p.blocks() == null ? "-" : p.blocks().toString(),
                        p.outcome(),
                        p.latencyMillis() < 0 ? "-" : p.latencyMillis(),
                        Double.isNaN(p.maxError()) ? "-" : String.format(Locale.ROOT, "%.2e", p.maxError()),
                        score == null ? "-" : score,
                        p.detail());
            }
            report.section(
                    "subnet " + round.subnet() + ", epoch " + round.epoch() + " (" + round.status() + ", "
                            + round.reports().size() + " probes)",
                    t);
        }
        return report;
    }

    @Descriptor("failed probes: the target's signed answer and the output digest this node expected")
    public Table evidence() {
        Table t = Table.of(
                "EPOCH", "SUBNET", "TARGET", "BLOCKS", "MAX_ERROR", "EXPECTED", "GOT", "REQUEST", "SIGNATURE", "VALID");
        for (Evidence e : verification.evidence()) {
            t.row(
                    e.epoch(),
                    e.subnet(),
                    e.target(),
                    e.response().blocks(),
                    String.format(Locale.ROOT, "%.2e", e.maxError()),
                    Evidence.hex(e.expectedDigest()),
                    Evidence.hex(e.response().outputHash()),
                    Evidence.hex(e.response().requestHash()),
                    Evidence.hex(e.response().signature()),
                    e.response().signatureValid());
        }
        return t;
    }
}
