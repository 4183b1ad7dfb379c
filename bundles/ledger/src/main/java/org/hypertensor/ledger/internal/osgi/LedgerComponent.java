package org.hypertensor.ledger.internal.osgi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.crypto.api.SigningKeys;
import org.hypertensor.ledger.api.BlockTimingListener;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.PoolListener;
import org.hypertensor.ledger.api.consensus.ChainBootstrap;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.ledger.internal.consensus.ConsensusEngine;
import org.hypertensor.ledger.internal.consensus.Finality;
import org.hypertensor.ledger.internal.consensus.NoFinalityEngine;
import org.hypertensor.ledger.internal.consensus.SingleAuthorityEngine;
import org.hypertensor.ledger.internal.exec.ModuleSet;
import org.hypertensor.ledger.internal.pool.PoolLimits;
import org.hypertensor.ledger.internal.pool.TransactionPool;
import org.hypertensor.ledger.internal.spec.ChainSpec;
import org.hypertensor.ledger.internal.spec.ChainSpecException;
import org.hypertensor.ledger.internal.spec.ChainSpecParser;
import org.hypertensor.ledger.internal.spec.SpecHash;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.plugin.api.shell.Unavailable;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's chain: loads the chain spec, opens {@code data/chain}, follows the runtime module
 * services (block processing pauses while a required one is missing or in another version), builds
 * genesis on first start, registers the {@link Ledger} service once the chain is open, and runs the
 * consensus engine when this node has a validator key.
 */
@Component(
        immediate = true,
        configurationPid = LedgerConfig.PID,
        service = {})
@Designate(ocd = LedgerConfig.class)
public final class LedgerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerComponent.class);

    /** Property of the chain marker service: "true" on a dev chain. */
    public static final String DEV_CHAIN_PROPERTY = "hypertensor.chain.dev";

    /** Property of the chain marker service: the chain id. */
    public static final String CHAIN_ID_PROPERTY = "hypertensor.chain.id";

    private final Map<String, List<RuntimeModule>> modules = new TreeMap<>();
    private final List<HeadListener> listeners = new ArrayList<>();
    private final List<PoolListener> poolListeners = new ArrayList<>();
    private final List<BlockTimingListener> timingListeners = new ArrayList<>();
    private final BundleContext context;
    private final LedgerConfig config;
    private final NodeInfo node;
    private final Keystore keystore;
    private Chain chain;
    private ChainSpec spec;
    private volatile ConsensusEngine engine;
    private ServiceRegistration<Ledger> registration;
    private ServiceRegistration<ConsensusChain> consensusRegistration;
    private ServiceRegistration<Object> markerRegistration;
    private ServiceRegistration<ChainBootstrap> bootstrapRegistration;
    private ServiceRegistration<Object> unavailableRegistration;
    private FinalityRule engineRule;
    private volatile Ed25519KeyPair validator;
    /** Why this node, configured as a validator, does not produce (null when it does or is not one). */
    private volatile String producingProblem;

    private boolean closing;

    @Activate
    public LedgerComponent(
            BundleContext context,
            LedgerConfig config,
            @Reference NodeInfo node,
            @Reference ChainStoreFactory stores,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) Keystore keystore) {
        this.context = context;
        this.config = config;
        this.node = node;
        this.keystore = keystore;
        Path specFile = node.home().resolve(config.chain_spec());
        try {
            String json = java.nio.file.Files.readString(specFile);
            spec = new ChainSpecParser().parse(json);
            ChainStore store = stores.open(node.dataDir().resolve("chain"));
            synchronized (this) {
                chain = new Chain(
                        spec,
                        SpecHash.of(json),
                        store,
                        new TransactionPool(poolLimits(config), java.time.Clock.systemUTC()));
                chain.keepGenesisHash(node.dataDir().resolve("chain.genesis-hash"));
                Chain opened = chain;
                // Built in (it needs the chain's evidence rule); a chain uses it when its spec lists it.
                modules.computeIfAbsent(ValidatorsModule.NAME, n -> new ArrayList<>())
                        .add(new ValidatorsModule(spec.validatorSet(), opened::evidenceRule));
                listeners.forEach(chain::addListener);
                poolListeners.forEach(chain::addPoolListener);
                timingListeners.forEach(chain::addTimingListener);
                LOG.info("Chain {} ({}), modules required: {}", spec.name(), spec.id(), spec.modules());
                resolve();
            }
        } catch (java.io.IOException e) {
            notStarted("cannot read chain spec " + specFile + ": " + e.getMessage());
        } catch (ChainSpecException e) {
            notStarted("chain spec " + specFile + " refused: " + e.getMessage());
        } catch (StoreException e) {
            notStarted(e.getMessage());
        }
    }

    /** Logs why and leaves a marker, so that the ledger's commands say why instead of "Command not found". */
    private synchronized void notStarted(String reason) {
        LOG.error("Ledger not started: {}", reason);
        unavailableRegistration = context.registerService(
                Object.class,
                new Object(),
                Unavailable.properties(Ledger.class, "the ledger did not start: " + reason));
    }

    static PoolLimits poolLimits(LedgerConfig config) {
        return new PoolLimits(
                config.pool_max(),
                config.pool_per_sender(),
                config.pool_future_per_sender(),
                config.pool_future_gap(),
                config.pool_future_max(),
                config.pool_duty_reserve(),
                config.pool_future_ttl_seconds() * 1000L);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindModule(RuntimeModule module) {
        modules.computeIfAbsent(module.name(), n -> new ArrayList<>()).add(module);
        if (chain != null) {
            resolve();
        }
    }

    synchronized void unbindModule(RuntimeModule module) {
        List<RuntimeModule> named = modules.get(module.name());
        if (named != null) {
            named.remove(module);
            if (named.isEmpty()) {
                modules.remove(module.name());
            }
        }
        if (chain != null) {
            resolve();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindListener(HeadListener listener) {
        listeners.add(listener);
        if (chain != null) {
            chain.addListener(listener);
        }
    }

    synchronized void unbindListener(HeadListener listener) {
        listeners.remove(listener);
        if (chain != null) {
            chain.removeListener(listener);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindPoolListener(PoolListener listener) {
        poolListeners.add(listener);
        if (chain != null) {
            chain.addPoolListener(listener);
        }
    }

    synchronized void unbindPoolListener(PoolListener listener) {
        poolListeners.remove(listener);
        if (chain != null) {
            chain.removePoolListener(listener);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindTimingListener(BlockTimingListener listener) {
        timingListeners.add(listener);
        if (chain != null) {
            chain.addTimingListener(listener);
        }
    }

    synchronized void unbindTimingListener(BlockTimingListener listener) {
        timingListeners.remove(listener);
        if (chain != null) {
            chain.removeTimingListener(listener);
        }
    }

    /** A multi-validator engine's finality rule (its bundle registers it). */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindFinalityRule(FinalityRule rule) {
        engineRule = rule;
        if (chain != null) {
            applyFinality();
        }
    }

    synchronized void unbindFinalityRule(FinalityRule rule) {
        if (engineRule == rule) {
            engineRule = null;
            if (chain != null) {
                applyFinality();
            }
        }
    }

    /** One validator: the built-in single-authority rule; several: the engine's, or none (refuse all). */
    private void applyFinality() {
        if (spec.validatorSet().size() == 1) {
            chain.setFinality(Finality.SINGLE_AUTHORITY);
        } else if (engineRule != null) {
            chain.setFinality(new Finality(engineRule, false));
        } else {
            chain.setFinality(
                    new Finality(new NoFinalityEngine(spec.validatorSet().size()), false));
        }
    }

    /** Re-forms the module set; the first time it is complete, opens the chain and starts serving. */
    private void resolve() {
        if (closing || stopping()) {
            return;
        }
        String before = chain.pausedReason();
        chain.setModules(ModuleSet.resolve(spec.modules(), modules));
        String now = chain.pausedReason();
        if (registration != null) {
            if (now != null && !now.equals(before)) {
                LOG.warn("Block processing paused: {}", now);
            } else if (now == null && before != null) {
                LOG.info("Block processing resumed: every required runtime module is present");
            }
            return;
        }
        if (now != null) {
            LOG.debug("Waiting for runtime modules: {}", now);
            return;
        }
        if ("state".equals(config.sync_mode()) && chain.empty()) {
            offerBootstrap();
            return;
        }
        if (bootstrapRegistration != null) {
            bootstrapRegistration.unregister();
            bootstrapRegistration = null;
        }
        try {
            chain.open();
        } catch (ChainException e) {
            LOG.error("Ledger not started: {}", e.getMessage());
            return;
        }
        chain.keepHeadCertificate(node.dataDir().resolve("chain.head-certificate"));
        LOG.info(
                "Chain {} at block #{}, genesis 0x{}",
                spec.id(),
                chain.head().number(),
                java.util.HexFormat.of().formatHex(chain.genesisHash()));
        LedgerService service = new LedgerService(chain, this::engineDescription, this::problems);
        applyFinality();
        // node:status shows the chain and its genesis from these properties (node-core does not import the ledger)
        java.util.Hashtable<String, Object> identity = new java.util.Hashtable<>();
        identity.put("hypertensor.chain.id", spec.id());
        identity.put(
                "hypertensor.chain.genesis", "0x" + java.util.HexFormat.of().formatHex(chain.genesisHash()));
        registration = context.registerService(Ledger.class, service, identity);
        // A marker found by its property, for bundles that must not import the ledger API (p2p asks
        // whether dev identities are allowed on this chain).
        markerRegistration = context.registerService(
                Object.class,
                new Object(),
                FrameworkUtil.asDictionary(
                        Map.of(DEV_CHAIN_PROPERTY, Boolean.toString(spec.dev()), CHAIN_ID_PROPERTY, spec.id())));
        startEngine();
        consensusRegistration = context.registerService(
                ConsensusChain.class, new LedgerConsensus(chain, () -> Optional.ofNullable(validator)), null);
    }

    /**
     * State sync: an empty chain waits for a state from peers; the chain-network bundle drives the import
     * through the {@link ChainBootstrap} service, whose commit brings the chain up here as usual.
     */
    private void offerBootstrap() {
        if (bootstrapRegistration != null) {
            return;
        }
        applyFinality();
        try {
            bootstrapRegistration = context.registerService(
                    ChainBootstrap.class, new LedgerBootstrap(chain, this::stateImported), null);
        } catch (ChainException e) {
            LOG.error("Ledger not started: {}", e.getMessage());
            return;
        }
        LOG.info("Chain {} is empty and sync.mode = state: waiting for state sync from peers", spec.id());
    }

    private synchronized void stateImported() {
        if (!closing) {
            resolve();
        }
    }

    /** Modules leave one by one when this bundle or the framework stops: that is no pause to report. */
    private boolean stopping() {
        return context.getBundle().getState() == Bundle.STOPPING
                || context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STOPPING;
    }

    private void startEngine() {
        String keyName = config.validator_key().trim();
        if (keyName.isEmpty()) {
            LOG.info("No validator key configured: following the chain without producing blocks");
            return;
        }
        Ed25519KeyPair key;
        try {
            key = validatorKey(keyName);
        } catch (IllegalArgumentException | IllegalStateException e) {
            notProducing(e.getMessage());
            return;
        }
        boolean inSpec = spec.validators().stream().anyMatch(v -> java.util.Arrays.equals(v, key.publicKey()));
        if (!inSpec && spec.validators().size() == 1) {
            notProducing("key " + keyName + " is not a validator of " + spec.id());
            return;
        }
        producingProblem = null;
        validator = key;
        if (spec.validators().size() > 1) {
            if (!inSpec) {
                LOG.info(
                        "Validator key {} is not in the chain spec's set: it votes from the height a sudo call"
                                + " adds it to the set",
                        keyName);
            }
            LOG.info(
                    "Validator {} of {} validators: the BFT engine (chain-network bundle) proposes and votes",
                    keyName,
                    spec.validators().size());
            return;
        }
        // `run -c` scripts (the launcher's batch mode) must not change the chain by merely starting a node
        boolean batch = context.getProperty("hypertensor.batch") != null;
        engine = new SingleAuthorityEngine(chain, key, spec.blockTimeMs(), Clock.systemUTC(), batch);
        engine.start();
    }

    private void notProducing(String why) {
        producingProblem = "not producing blocks: " + why;
        LOG.error("Not producing blocks: {}", why);
    }

    private List<String> problems() {
        String p = producingProblem;
        return p == null ? List.of() : List.of(p);
    }

    private Ed25519KeyPair validatorKey(String name) {
        String file = config.validator_password_file().trim();
        return SigningKeys.resolve(
                name,
                spec.dev(),
                keystore,
                () -> file.isEmpty()
                        ? Passwords.fromEnvironment()
                        : Passwords.fromFileOrEnvironment(node.home().resolve(file)));
    }

    private String engineDescription() {
        ConsensusEngine e = engine;
        if (e != null) {
            return e.describe();
        }
        String problem = producingProblem;
        if (problem != null) {
            return problem;
        }
        if (spec.validators().size() > 1) {
            return "BFT among " + spec.validators().size() + " validators (chain-network bundle), "
                    + (validator == null ? "following" : "validating") + ", finality rule "
                    + chain.finalityName();
        }
        return "none (not a validator)";
    }

    @Deactivate
    synchronized void deactivate() {
        closing = true;
        if (engine != null) {
            engine.close();
        }
        if (consensusRegistration != null) {
            consensusRegistration.unregister();
        }
        if (bootstrapRegistration != null) {
            bootstrapRegistration.unregister();
        }
        if (markerRegistration != null) {
            markerRegistration.unregister();
        }
        if (unavailableRegistration != null) {
            unavailableRegistration.unregister();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (chain != null) {
            chain.close();
        }
    }
}
