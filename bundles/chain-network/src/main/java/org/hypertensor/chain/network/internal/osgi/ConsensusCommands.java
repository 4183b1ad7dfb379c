package org.hypertensor.chain.network.internal.osgi;

import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.bft.api.DropReason;
import org.hypertensor.bft.api.MachineStatus;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.chain.network.internal.bft.BftEngine;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.Validator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code ledger:validators} and {@code ledger:finality}: the validator set and where the BFT engine is. */
@Component(
        service = ConsensusCommands.class,
        property = {"osgi.command.scope=ledger", "osgi.command.function=validators", "osgi.command.function=finality"})
public final class ConsensusCommands {

    private final ConsensusChain chain;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BftEngine engine;

    @Activate
    public ConsensusCommands(@Reference ConsensusChain chain) {
        this.chain = chain;
    }

    @Descriptor(
            "the validators of the next height (account, voting power, bond) and those scheduled for the next epoch")
    public String validators() throws ConsensusException {
        long next = chain.finalizedHead().number() + 1;
        var active = chain.activeSet(next);
        StringBuilder out = new StringBuilder();
        out.append("height #")
                .append(next)
                .append(" (this set since #")
                .append(active.since())
                .append("), total power ")
                .append(active.validators().totalPower())
                .append('\n');
        table(out, active.validators());
        chain.scheduledValidators().ifPresent(s -> {
            out.append("scheduled by sudo for the next epoch, total power ")
                    .append(s.totalPower())
                    .append('\n');
            table(out, s);
        });
        return out.toString();
    }

    private static void table(StringBuilder out, org.hypertensor.ledger.api.consensus.ValidatorSet set) {
        out.append(String.format("%-50s %8s %s%n", "ACCOUNT", "POWER", "BOND"));
        for (Validator v : set.validators()) {
            out.append(String.format("%-50s %8d %s%n", Ss58.encode(v.account()), v.power(), Amounts.format(v.bond())));
        }
    }

    @Descriptor("the BFT engine: height, round, step, lock, who prevoted and precommitted, drops")
    public String finality() {
        BftEngine e = engine;
        if (e == null) {
            return "no BFT engine here (a single-validator chain finalizes each block at once); finalized #"
                    + chain.finalizedHead().number();
        }
        MachineStatus s = e.status();
        long[] counts = e.counts();
        StringBuilder out = new StringBuilder();
        out.append(e.validating() ? "validating" : "following")
                .append(e.halted() ? " (HALTED: the double-sign guard could not be written)" : "")
                .append('\n');
        out.append("height #")
                .append(s.height())
                .append(", round ")
                .append(s.round())
                .append(", step ");
        out.append(s.step()).append(s.decided() ? " (decided)" : "").append('\n');
        out.append("locked: ")
                .append(s.lockedValue() == null ? "no" : s.lockedValue() + " in round " + s.lockedRound())
                .append('\n');
        out.append("prevoted: ").append(names(s.prevoters())).append('\n');
        out.append("precommitted: ").append(names(s.precommitters())).append('\n');
        out.append("decided here: ")
                .append(counts[0])
                .append(", equivocations seen: ")
                .append(s.evidenceFound());
        out.append(", double-sign refusals: ").append(s.guardRefusals()).append('\n');
        out.append("dropped:");
        for (Map.Entry<DropReason, Long> d : s.dropped().entrySet()) {
            if (d.getValue() > 0) {
                out.append(' ').append(d.getKey()).append('=').append(d.getValue());
            }
        }
        out.append(" malformed=").append(counts[2]).append('\n');
        return out.toString();
    }

    private static String names(List<ValidatorKey> keys) {
        return keys.isEmpty()
                ? "-"
                : String.join(
                        ", ", keys.stream().map(k -> Ss58.encode(k.bytes())).toList());
    }
}
