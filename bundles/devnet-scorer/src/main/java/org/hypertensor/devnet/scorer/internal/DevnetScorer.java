package org.hypertensor.devnet.scorer.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the inference probes on a devnet: with {@code keys} configured and the chain marked dev, submits
 * the {@link ScorePlanner}'s score sets once per epoch so that epochs reach quorum and are paid. Works off the
 * ledger's thread (a head listener must return quickly).
 */
@Component(
        service = HeadListener.class,
        immediate = true,
        configurationPid = DevnetScorerConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DevnetScorerConfig.class)
public final class DevnetScorer implements HeadListener {

    private static final Logger LOG = LoggerFactory.getLogger(DevnetScorer.class);

    private final Ledger ledger;
    private final ScorePlanner planner;
    private final ExecutorService worker;

    @Activate
    public DevnetScorer(@Reference Ledger ledger, DevnetScorerConfig config) {
        this.ledger = ledger;
        List<Ed25519KeyPair> keys = parseKeys(config.keys());
        ScorePlanner p = null;
        if (!keys.isEmpty()) {
            if (!ledger.chain().dev()) {
                LOG.warn("Devnet scorer off: the chain is not marked dev (keys {} ignored)", config.keys());
            } else if (config.score() < 1 || config.score() > 10_000) {
                LOG.warn("Devnet scorer off: score {} is outside 1..10000", config.score());
            } else {
                p = new ScorePlanner(keys, config.score());
                LOG.info("Devnet scorer on for {} keys, score {}", keys.size(), config.score());
            }
        }
        this.planner = p;
        this.worker = p == null ? null : Executors.newSingleThreadExecutor(NamedThreads.single("devnet-scorer"));
    }

    /** Comma-separated dev URIs; anything else is left out with one WARN. */
    static List<Ed25519KeyPair> parseKeys(String text) {
        List<Ed25519KeyPair> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String uri = part.trim();
            if (uri.isEmpty()) {
                continue;
            }
            if (DevKeys.isDevUri(uri)) {
                keys.add(DevKeys.derive(uri));
            } else {
                LOG.warn("Devnet scorer: '{}' is not a development key URI, left out", uri);
            }
        }
        return keys;
    }

    @Deactivate
    void deactivate() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public void newHead(BlockInfo block) {
        if (planner == null) {
            return;
        }
        try {
            worker.execute(this::submitDue);
        } catch (RejectedExecutionException e) {
            // deactivating
        }
    }

    private void submitDue() {
        Optional<ScorePlanner.Round> round = ledger.query(planner::plan);
        if (round.isEmpty()) {
            return;
        }
        byte[] genesis = ledger.chain().genesisHash();
        int submitted = 0;
        for (ScorePlanner.Planned p : round.get().submissions()) {
            long nonce = ledger.account(p.key().publicKey()).nextNonce();
            try {
                ledger.submit(SignedTransaction.sign(p.key(), genesis, nonce, BigInteger.ZERO, p.call()));
                submitted++;
            } catch (TransactionRejected e) {
                LOG.warn("Devnet scorer: scores for subnet {} refused by the pool: {}", p.subnet(), e.getMessage());
            }
        }
        LOG.info(
                "Devnet scorer submitted {} score sets for epoch {}",
                submitted,
                round.get().epoch());
    }
}
