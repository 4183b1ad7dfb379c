package org.hypertensor.verification.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.crypto.api.SigningKeys;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.net.api.ForwardClient;
import org.hypertensor.inference.net.api.InferenceServers;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.util.concurrent.NamedThreads;
import org.hypertensor.verification.internal.probe.Evidence;
import org.hypertensor.verification.internal.score.EpochVerifier;
import org.hypertensor.verification.internal.score.Round;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's verifier: with {@code account.key} set, an {@link EpochVerifier} driven by the ledger's heads
 * (a {@link HeadListener}) on a thread of its own. Without a key, or disabled, it stays off and says why.
 */
@Component(
        service = {HeadListener.class, VerificationComponent.class},
        immediate = true,
        configurationPid = VerificationConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VerificationConfig.class)
public final class VerificationComponent implements HeadListener {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationComponent.class);

    private final ScheduledExecutorService executor;
    private final EpochVerifier verifier;
    private final String status;
    private final ModelHolder model;

    @Activate
    public VerificationComponent(
            @Reference Ledger ledger,
            @Reference InferenceServers servers,
            @Reference ForwardClient client,
            @Reference P2pNetwork p2p,
            @Reference BlockHost host,
            @Reference ModelRepository models,
            @Reference NodeInfo node,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore,
            VerificationConfig config) {
        this.model = new ModelHolder(models, config.model());
        Ed25519KeyPair account = null;
        String why;
        if (!config.enabled()) {
            why = "disabled (enabled = false)";
        } else if (config.account_key().isBlank()) {
            why = "off: no account.key, this node submits no scores";
        } else {
            try {
                String file = config.account_password_file().trim();
                account = SigningKeys.resolve(
                        config.account_key().trim(),
                        ledger.chain().dev(),
                        keystore,
                        () -> file.isEmpty()
                                ? Passwords.fromEnvironment()
                                : Passwords.fromFileOrEnvironment(node.home().resolve(file)));
                why = "probing as " + config.account_key().trim();
            } catch (IllegalArgumentException e) {
                why = "off: " + e.getMessage();
                LOG.warn("Verification off: {}", e.getMessage());
            }
        }
        this.status = why;
        if (account == null) {
            executor = null;
            verifier = null;
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("verifier"));
        verifier = new EpochVerifier(
                ledger,
                servers,
                client,
                p2p,
                host,
                model::forId,
                account,
                new EpochVerifier.Settings(
                        config.probe_tokens(),
                        config.tolerance(),
                        config.probe_max_nodes(),
                        config.probe_spread_bp(),
                        Duration.ofSeconds(config.probe_timeout_seconds()),
                        (long) config.reference_max_mb() << 20),
                Clock.systemUTC(),
                executor);
        LOG.info(
                "Verification on: probes of {} tokens, tolerance {}, at most {} nodes per epoch",
                config.probe_tokens(),
                config.tolerance(),
                config.probe_max_nodes());
    }

    @Override
    public void newHead(BlockInfo block) {
        if (verifier != null) {
            verifier.newHead(block);
        }
    }

    /** One line: on, or why not. */
    public String status() {
        return status;
    }

    public List<Round.View> rounds() {
        return verifier == null ? List.of() : verifier.rounds();
    }

    public List<Evidence> evidence() {
        return verifier == null ? List.of() : verifier.evidence();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Verifier thread still busy after 10 s");
            }
            verifier.close();
        }
        model.close();
    }

    /**
     * The configured model, opened on first use and kept; the subnet's model only if the ids match. A model not
     * there yet (the server may still be generating it) is tried again next round; the reason is logged once.
     */
    private static final class ModelHolder implements AutoCloseable {
        private final ModelRepository models;
        private final String name;
        private Model model;
        private String lastError = "";

        ModelHolder(ModelRepository models, String name) {
            this.models = models;
            this.name = name;
        }

        synchronized Optional<Model> forId(String id) {
            if (model == null) {
                try {
                    model = models.open(name, LoadProgress.NONE);
                } catch (RuntimeException e) {
                    if (!String.valueOf(e.getMessage()).equals(lastError)) {
                        lastError = String.valueOf(e.getMessage());
                        LOG.warn("Verification cannot open model '{}' yet: {}", name, lastError);
                    }
                }
            }
            return Optional.ofNullable(model).filter(m -> m.manifest().id().equals(id));
        }

        @Override
        public synchronized void close() {
            if (model != null) {
                model.close();
            }
        }
    }
}
