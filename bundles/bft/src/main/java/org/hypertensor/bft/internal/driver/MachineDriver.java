package org.hypertensor.bft.internal.driver;

import java.io.IOException;
import java.util.List;
import org.hypertensor.bft.api.ConsensusDriver;
import org.hypertensor.bft.api.ConsensusMachine;
import org.hypertensor.bft.api.DecisionSink;
import org.hypertensor.bft.api.Effect;
import org.hypertensor.bft.api.EventLoop;
import org.hypertensor.bft.api.MachineStatus;
import org.hypertensor.bft.api.Outbound;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds a machine on one event loop and performs its effects there, in order. */
public final class MachineDriver implements ConsensusDriver {

    private static final Logger LOG = LoggerFactory.getLogger(MachineDriver.class);

    private final ConsensusMachine machine;
    private final EventLoop loop;
    private final Outbound outbound;
    private final DecisionSink sink;
    private final SignGuard guard;
    private final long retransmitMs;
    private volatile MachineStatus status;
    private volatile boolean halted;

    public MachineDriver(
            ConsensusMachine machine,
            EventLoop loop,
            Outbound outbound,
            DecisionSink sink,
            SignGuard guard,
            long retransmitMs) {
        this.machine = machine;
        this.loop = loop;
        this.outbound = outbound;
        this.sink = sink;
        this.guard = guard;
        this.retransmitMs = retransmitMs;
        this.status = machine.status();
        if (retransmitMs > 0) {
            loop.schedule(this::retransmit, retransmitMs);
        }
    }

    /** On the loop, periodically: the machine's messages of the current round again (never after a halt). */
    private void retransmit() {
        if (!halted) {
            try {
                for (Effect effect : machine.retransmit()) {
                    if (effect instanceof Effect.BroadcastProposal p) {
                        outbound.broadcastProposal(p.proposal());
                    } else if (effect instanceof Effect.BroadcastVote v) {
                        outbound.broadcastVote(v.vote());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("BFT retransmission failed: {}", e.toString(), e);
            }
        }
        loop.schedule(this::retransmit, retransmitMs);
    }

    @Override
    public void start(long height, ValidatorSet validators) {
        loop.execute(() -> run("start " + height, () -> machine.start(height, validators)));
    }

    @Override
    public void proposalReceived(Proposal proposal) {
        loop.execute(() -> run("proposal", () -> machine.onProposal(proposal)));
    }

    @Override
    public void voteReceived(Vote vote) {
        loop.execute(() -> run("vote", () -> machine.onVote(vote)));
    }

    @Override
    public MachineStatus status() {
        return status;
    }

    @Override
    public boolean halted() {
        return halted;
    }

    /** On the loop: one input, then its effects. */
    private void run(String what, java.util.function.Supplier<List<Effect>> input) {
        List<Effect> effects;
        try {
            effects = input.get();
        } catch (RuntimeException e) {
            LOG.error("BFT machine failed on {}: {}", what, e.toString(), e);
            return;
        }
        perform(effects);
        status = machine.status();
    }

    private void perform(List<Effect> effects) {
        boolean released = false; // whether the guard accepted the signed message that follows
        for (Effect effect : effects) {
            try {
                if (effect instanceof Effect.AboutToSign sign) {
                    released = persist(sign);
                } else if (effect instanceof Effect.BroadcastProposal p) {
                    if (released) {
                        outbound.broadcastProposal(p.proposal());
                    }
                    released = false;
                } else if (effect instanceof Effect.BroadcastVote v) {
                    if (released) {
                        outbound.broadcastVote(v.vote());
                    }
                    released = false;
                } else if (effect instanceof Effect.ScheduleTimeout t) {
                    loop.schedule(() -> run("timeout", () -> machine.onTimeout(t.timeout())), t.delayMs());
                } else if (effect instanceof Effect.Decide d) {
                    sink.decided(d.height(), d.value(), d.certificate());
                } else if (effect instanceof Effect.EvidenceFound e) {
                    LOG.warn(
                            "Equivocation by validator {} at height {}",
                            e.evidence().offender().address(),
                            e.evidence().height());
                    sink.evidence(e.evidence());
                }
            } catch (RuntimeException e) {
                LOG.error("BFT effect {} failed: {}", effect.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    private boolean persist(Effect.AboutToSign sign) {
        if (halted) {
            return false;
        }
        try {
            guard.record(sign.record());
            return true;
        } catch (IOException | IllegalStateException e) {
            halted = true;
            LOG.error(
                    "Double-sign guard could not record {}: {}; this validator signs nothing more until restarted",
                    sign.record(),
                    e.getMessage());
            return false;
        }
    }
}
