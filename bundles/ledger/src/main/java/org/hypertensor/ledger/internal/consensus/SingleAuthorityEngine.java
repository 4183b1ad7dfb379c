package org.hypertensor.ledger.internal.consensus;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.util.concurrent.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-validator engine: every block time the authority proposes a block and commits it, final at
 * once with its seal as the certificate ({@link SingleAuthorityRule}). The timestamp is the proposer's clock reading,
 * the one place a clock enters a block; the state transition only sees the header's value.
 */
public final class SingleAuthorityEngine implements ConsensusEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SingleAuthorityEngine.class);

    private final Chain chain;
    private final Ed25519KeyPair key;
    private final long blockTimeMs;
    private final ScheduledExecutorService timer;
    private final AtomicLong produced = new AtomicLong();
    private volatile String lastProblem;

    private final Clock clock;

    private final boolean onlyWithTransactions;

    public SingleAuthorityEngine(Chain chain, Ed25519KeyPair key, long blockTimeMs, Clock clock) {
        this(chain, key, blockTimeMs, clock, false);
    }

    /**
     * @param onlyWithTransactions seal a block only when transactions are ready: a {@code run -c} script that
     *     only reads leaves the chain as it was, one that submits still gets its transactions sealed
     */
    public SingleAuthorityEngine(
            Chain chain, Ed25519KeyPair key, long blockTimeMs, Clock clock, boolean onlyWithTransactions) {
        this.onlyWithTransactions = onlyWithTransactions;
        this.chain = chain;
        this.clock = clock;
        this.key = key;
        this.blockTimeMs = blockTimeMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("ledger-block-producer"));
    }

    @Override
    public void start() {
        LOG.info(
                "Producing a block every {} ms{} as {}",
                blockTimeMs,
                onlyWithTransactions ? " when transactions are ready" : "",
                Ss58.encode(key.publicKey()));
        timer.scheduleAtFixedRate(this::tick, blockTimeMs, blockTimeMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (onlyWithTransactions && !chain.hasReadyTransactions()) {
            return;
        }
        String paused = chain.pausedReason();
        if (paused != null) {
            report("Not producing: " + paused);
            return;
        }
        try {
            BlockInfo block = chain.produce(key, clock.millis());
            produced.incrementAndGet();
            lastProblem = null;
            if (!block.transactions().isEmpty()) {
                LOG.info(
                        "Block #{} sealed with {} transactions",
                        block.number(),
                        block.transactions().size());
            } else {
                LOG.debug("Block #{} sealed", block.number());
            }
        } catch (ChainException e) {
            report("Block production failed: " + e.getMessage());
        } catch (RuntimeException e) {
            report("Block production failed: " + e);
            LOG.debug("Block production failure", e);
        }
    }

    /** Logs a problem once, not every block time. */
    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn(problem);
            lastProblem = problem;
        }
    }

    @Override
    public String describe() {
        return "single-authority, producing every " + blockTimeMs + " ms"
                + (onlyWithTransactions ? " when transactions are ready" : "") + ", " + produced.get()
                + " blocks this run";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
