package org.hypertensor.verification.internal.score;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ForwardClient;
import org.hypertensor.inference.net.api.InferenceServers;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.model.api.Model;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.verification.internal.probe.Evidence;
import org.hypertensor.verification.internal.probe.Outcome;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.hypertensor.verification.internal.probe.Prober;
import org.hypertensor.verification.internal.probe.ReferenceBlocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of this node's scores. On each head: for each subnet it must score ({@link RoundPlanner}), a new
 * epoch starts a {@link Round} that probes every other included node once, each probe at a random delay within
 * the first {@code spreadBp} of the epoch; once all are probed and the next block is in the submission window,
 * it submits the scores ({@link ScoreRule}; its own score is what it announces serving) through the consensus
 * module's {@code submit_scores}. A round starts only at the epoch's first heads (a node that comes up mid-epoch
 * waits for the next), and not from a head older than half an epoch by {@code clock} (a node catching up). All work runs on the one thread of {@code executor}.
 */
public final class EpochVerifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EpochVerifier.class);
    private static final int EVIDENCE_KEPT = 256;

    /**
     * @param tokens positions of the probe input
     * @param tolerance largest absolute error accepted
     * @param maxTargets nodes probed per subnet and epoch (the work bound); others are left out of the scores
     * @param spreadBp share of the epoch (bp) over which the probes are spread
     * @param timeout for one forward
     * @param referenceBytes memory budget for blocks hosted to compute expected outputs
     */
    public record Settings(
            int tokens, double tolerance, int maxTargets, int spreadBp, Duration timeout, long referenceBytes) {}

    /** The subnet's model (by id) if this node has it. */
    public interface ModelSource {
        Optional<Model> model(String id);
    }

    private final Ledger ledger;
    private final InferenceServers servers;
    private final P2pNetwork p2p;
    private final BlockHost host;
    private final ModelSource models;
    private final Ed25519KeyPair account;
    private final Settings settings;
    private final ScheduledExecutorService executor;
    private final Prober prober;
    private final SplittableRandom jitter = new SplittableRandom();
    /** Guarded by this. */
    private final Map<Long, Round> current = new TreeMap<>();

    private final Map<Long, Round> previous = new TreeMap<>();
    private final Deque<Evidence> evidence = new ArrayDeque<>();
    private final Clock clock;
    private volatile boolean closed;
    private volatile long headTimestamp;

    public EpochVerifier(
            Ledger ledger,
            InferenceServers servers,
            ForwardClient client,
            P2pNetwork p2p,
            BlockHost host,
            ModelSource models,
            Ed25519KeyPair account,
            Settings settings,
            Clock clock,
            ScheduledExecutorService executor) {
        this.ledger = ledger;
        this.servers = servers;
        this.p2p = p2p;
        this.host = host;
        this.models = models;
        this.account = account;
        this.settings = settings;
        this.executor = executor;
        this.prober = new Prober(client, settings.tokens(), settings.tolerance(), settings.timeout());
        this.clock = clock;
    }

    /** A new head: the work it may start runs on the verifier's thread (a head listener returns at once). */
    public void newHead(BlockInfo head) {
        headTimestamp = head.timestamp();
        run(this::step);
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void step() {
        List<RoundPlanner.Plan> plans = ledger.query(ctx ->
                RoundPlanner.plan(ctx, account.publicKey(), ledger.chain().blockTimeMs()));
        for (RoundPlanner.Plan plan : plans) {
            Round round = round(plan.subnet());
            if (round == null || round.epoch() != plan.epoch()) {
                if (!plan.epochStart() || clock.millis() - headTimestamp > plan.epochMillis() / 2) {
                    // a round begins with its epoch (a node that starts mid-epoch waits for the next one), and
                    // not while catching up by block sync: that epoch's probes were due when it ran
                    continue;
                }
                round = start(plan);
            }
            if (round.done() && !round.submitted() && plan.submitNow()) {
                if (plan.submitted()) {
                    round.submitted(Map.of(), "already submitted");
                } else {
                    submit(round, plan);
                }
            }
        }
    }

    private synchronized Round round(long subnet) {
        return current.get(subnet);
    }

    private Round start(RoundPlanner.Plan plan) {
        String self = p2p.localPeerId().toBase58();
        List<String> targets = new ArrayList<>();
        for (String peer : plan.included()) {
            if (peer.equals(self)) {
                continue;
            }
            if (targets.size() == settings.maxTargets()) {
                LOG.warn(
                        "Probe budget of {} nodes reached in subnet {}: {} nodes left unprobed this epoch",
                        settings.maxTargets(),
                        plan.subnet(),
                        plan.included().size() - 1 - targets.size());
                break;
            }
            targets.add(peer);
        }
        Optional<Model> model = models.model(plan.model());
        if (model.isEmpty()) {
            LOG.warn("Cannot verify subnet {}: this node has not its model {}", plan.subnet(), plan.model());
        }
        ReferenceBlocks reference = model.map(m -> new ReferenceBlocks(host, m, settings.referenceBytes()))
                .orElse(null);
        Round round = new Round(plan.subnet(), plan.epoch(), targets, reference);
        try {
            round.announced(servers.servers(plan.subnet()), null);
        } catch (RuntimeException e) {
            round.announced(null, e.getMessage());
        }
        synchronized (this) {
            Round old = current.put(plan.subnet(), round);
            if (old != null) {
                previous.put(plan.subnet(), old);
                closeReference(old);
            }
        }
        long spread = Math.max(1, plan.epochMillis() * settings.spreadBp() / 10_000);
        LOG.debug(
                "Epoch {}: probing {} nodes of subnet {} over {} ms",
                plan.epoch(),
                targets.size(),
                plan.subnet(),
                spread);
        for (String target : targets) {
            long delay = jitter.nextLong(spread);
            try {
                executor.schedule(() -> probe(round, target), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return round; // closing
            }
        }
        if (targets.isEmpty()) {
            round.finished(List.of());
        }
        return round;
    }

    private void probe(Round round, String target) {
        if (closed || round(round.subnet()) != round) {
            return; // the epoch is over: its late probes are dropped
        }
        List<ProbeReport> reports = new ArrayList<>();
        try {
            probeTarget(round, target, reports);
        } catch (RuntimeException e) {
            // this node's own failure (e.g. no model to read announcements with): the target is not judged
            reports.add(report(round, target, Outcome.UNCHECKED, "this node could not probe: " + e.getMessage()));
            LOG.warn("Could not probe {} in epoch {}: {}", target, round.epoch(), e.getMessage());
        }
        if (round.finished(reports)) {
            closeReference(round);
            step();
        }
    }

    private void probeTarget(Round round, String target, List<ProbeReport> reports) {
        PeerId peer = PeerId.parse(target);
        List<BlockAnnouncement> announced =
                round.announced().stream().filter(a -> a.peer().equals(peer)).toList();
        if (announced.isEmpty()) {
            reports.add(report(round, target, Outcome.NOT_SERVING, "announces no blocks"));
        }
        for (BlockAnnouncement a : announced) {
            dial(a);
            Prober.Result r = prober.probe(round.subnet(), round.epoch(), a, Optional.ofNullable(round.reference()));
            reports.add(r.report());
            r.evidence().ifPresent(this::keep);
            if (r.report().outcome() == Outcome.FAILED) {
                LOG.warn(
                        "Probe of {} blocks {} failed in epoch {}: {}",
                        peer.shortString(),
                        a.range(),
                        round.epoch(),
                        r.report().detail());
            }
        }
    }

    private static ProbeReport report(Round round, String target, Outcome outcome, String detail) {
        return new ProbeReport(round.subnet(), round.epoch(), target, null, outcome, -1, Double.NaN, 0, detail);
    }

    private void dial(BlockAnnouncement a) {
        if (p2p.isConnected(a.peer()) || a.addresses().isEmpty()) {
            return;
        }
        try {
            p2p.connect(a.addresses().get(0)).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Cannot dial {}: {}", a.peer().shortString(), e.getMessage());
        }
    }

    private synchronized void keep(Evidence e) {
        if (evidence.size() == EVIDENCE_KEPT) {
            evidence.removeFirst();
        }
        evidence.addLast(e);
    }

    private void closeReference(Round round) {
        if (round.reference() != null) {
            round.reference().close();
        }
    }

    private void submit(Round round, RoundPlanner.Plan plan) {
        if (round.reference() == null) {
            round.submitted(Map.of(), "not submitted: no model to verify with");
            return;
        }
        int blocks = round.reference().modelBlocks();
        String self = p2p.localPeerId().toBase58();
        Map<String, Long> scores = new TreeMap<>();
        for (String peer : plan.included()) {
            if (peer.equals(self)) {
                scores.put(peer, selfScore(round, blocks));
            } else if (round.targets().contains(peer)) {
                scores.put(peer, ScoreRule.score(round.reports(peer), blocks));
            }
        }
        List<ScoreEntry> entries = scores.entrySet().stream()
                .map(e -> new ScoreEntry(e.getKey(), e.getValue()))
                .toList();
        long nonce = ledger.account(account.publicKey()).nextNonce();
        try {
            ledger.submit(SignedTransaction.sign(
                    account,
                    ledger.chain().genesisHash(),
                    nonce,
                    BigInteger.ZERO,
                    ScoringCalls.submitScores(round.subnet(), entries)));
            round.submitted(scores, "submitted");
            LOG.info(
                    "Epoch {} of subnet {}: probed {} nodes, submitted scores {}",
                    round.epoch(),
                    round.subnet(),
                    round.targets().size(),
                    scores.values());
        } catch (TransactionRejected e) {
            round.submitted(scores, "refused by the pool: " + e.getMessage());
            LOG.warn(
                    "Scores of epoch {} for subnet {} refused by the pool: {}",
                    round.epoch(),
                    round.subnet(),
                    e.getMessage());
        }
    }

    /** What this node announced serving at the round's start (it does not probe itself). */
    private long selfScore(Round round, int blocks) {
        PeerId self = p2p.localPeerId();
        try {
            return round.announced().stream()
                    .filter(a -> a.peer().equals(self) && a.state() == ServerState.ONLINE)
                    .mapToLong(a -> ScoreRule.self(a.range(), true, blocks))
                    .max()
                    .orElse(ScoreRule.MIN);
        } catch (IllegalStateException e) {
            return ScoreRule.MIN;
        }
    }

    /** The rounds of the running and the previous epoch, per subnet, oldest first. */
    public synchronized List<Round.View> rounds() {
        List<Round.View> out = new ArrayList<>();
        previous.values().forEach(r -> out.add(r.view()));
        current.values().forEach(r -> out.add(r.view()));
        return out;
    }

    /** Failed probes, oldest first (the last {@value #EVIDENCE_KEPT}). */
    public synchronized List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            current.values().forEach(this::closeReference);
        }
    }
}
