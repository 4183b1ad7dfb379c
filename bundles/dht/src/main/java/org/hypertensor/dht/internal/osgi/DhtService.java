package org.hypertensor.dht.internal.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtPeer;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.dht.api.RequestRefusedException;
import org.hypertensor.dht.api.SignedRequests;
import org.hypertensor.dht.internal.admission.EpochAdmission;
import org.hypertensor.dht.internal.admission.LedgerStakeLookup;
import org.hypertensor.dht.internal.envelope.EnvelopeService;
import org.hypertensor.dht.internal.envelope.ReplayGuard;
import org.hypertensor.dht.internal.net.DhtEngine;
import org.hypertensor.dht.internal.net.DhtSettings;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.p2p.api.AdmissionHook;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.StakedPeers;
import org.hypertensor.util.concurrent.NamedThreads;
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
 * The node's DHT, configured by {@code org.hypertensor.dht}: serves {@value Dht#PROTOCOL} on the p2p
 * host, offers {@link Dht}, {@link PeerAdmission} and {@link SignedRequests}, checks a connecting peer's
 * stake as soon as it connects (the {@link AdmissionHook} always lets the connection stay, so unstaked
 * peers keep ping and identify), and at each new epoch (a {@link HeadListener}) re-checks the routing
 * table and evicts peers that lost their stake.
 */
@Component(
        immediate = true,
        configurationPid = DhtConfig.PID,
        service = {
            Dht.class,
            PeerAdmission.class,
            SignedRequests.class,
            ProtocolHandler.class,
            AdmissionHook.class,
            StakedPeers.class,
            HeadListener.class
        },
        property = ProtocolHandler.PROTOCOL + "=" + Dht.PROTOCOL)
@Designate(ocd = DhtConfig.class)
public final class DhtService
        implements Dht, PeerAdmission, SignedRequests, ProtocolHandler, AdmissionHook, StakedPeers, HeadListener {

    private static final Logger LOG = LoggerFactory.getLogger(DhtService.class);

    private final EpochAdmission admission;
    private final DhtEngine engine;
    private final EnvelopeService envelopes;
    private final ExecutorService epochWork = Executors.newSingleThreadExecutor(NamedThreads.single("dht-admission"));
    private volatile LedgerStakeLookup stakes;

    @Activate
    public DhtService(@Reference P2pNetwork p2p, @Reference NodeInfo node, DhtConfig config) {
        admission = new EpochAdmission("open".equals(config.admission()));
        Signer key = p2p.identity();
        engine = new DhtEngine(
                p2p, key, settings(config), peer -> admission.check(peer).admitted());
        envelopes = new EnvelopeService(
                key,
                new ReplayGuard(config.envelope_window_seconds() * 1000L, 100_000),
                System::currentTimeMillis,
                admission);
        engine.start();
        LOG.info("DHT on {} started (admission: {})", Dht.PROTOCOL, config.admission());
    }

    static DhtSettings settings(DhtConfig c) {
        List<Multiaddr> boot = new ArrayList<>();
        for (String s : c.boot_peers().split("[,\\s]+")) {
            if (!s.isBlank()) {
                try {
                    boot.add(Multiaddr.parse(s));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Config {}: skipping boot peer '{}': {}", DhtConfig.PID, s, e.getMessage());
                }
            }
        }
        RecordStore.Limits limits = new RecordStore.Limits(
                c.max_record_bytes(), c.max_bytes_per_peer(), c.max_ttl_hours() * 3_600_000L, c.max_entries_per_key());
        return new DhtSettings(
                Dht.PROTOCOL,
                boot,
                Duration.ofSeconds(c.request_timeout_seconds()),
                c.max_message_bytes(),
                limits,
                Duration.ofMinutes(c.refresh_minutes()),
                Duration.ofMinutes(c.republish_minutes()),
                Duration.ofHours(c.provider_ttl_hours()),
                64,
                4096);
    }

    @Deactivate
    void deactivate() {
        engine.close();
        epochWork.shutdownNow();
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLedger(Ledger ledger) {
        LedgerStakeLookup lookup = new LedgerStakeLookup(ledger);
        stakes = lookup;
        long epoch;
        try {
            epoch = lookup.epochOf(ledger.head().number());
        } catch (RuntimeException e) {
            epoch = 0;
        }
        admission.setLookup(lookup, epoch);
    }

    void unbindLedger(Ledger ledger) {
        stakes = null;
        admission.setLookup(null, -1);
    }

    // ---- epochs and connections ----

    @Override
    public void newHead(BlockInfo block) {
        LedgerStakeLookup lookup = stakes;
        if (lookup == null || admission.isOpen()) {
            return;
        }
        epochWork.execute(() -> {
            try {
                long epoch = lookup.epochOf(block.number());
                if (epoch > admission.epoch()) {
                    engine.evict(admission.newEpoch(epoch, engine.routingPeers()));
                }
            } catch (RuntimeException e) {
                LOG.warn("Epoch re-check of DHT peers failed: {}", e.getMessage());
            }
        });
    }

    @Override
    public CompletionStage<Boolean> admit(PeerId peer, Multiaddr remoteAddress) {
        try {
            epochWork.execute(() -> admission.check(peer)); // warms the epoch's cache; the connection stays
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
        engine.connected(peer);
        return CompletableFuture.completedFuture(true);
    }

    /** The host's connection slots use the same proof-of-stake answer as the routing table (cached per epoch). */
    @Override
    public CompletionStage<Boolean> isStaked(PeerId peer) {
        try {
            return CompletableFuture.supplyAsync(() -> admission.check(peer).admitted(), epochWork);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(false); // stopping
        }
    }

    // ---- delegation ----

    @Override
    public void handle(P2pStream stream) {
        engine.handler().handle(stream);
    }

    @Override
    public Admission check(PeerId peer) {
        return admission.check(peer);
    }

    @Override
    public byte[] seal(String protocol, byte[] payload) {
        return envelopes.seal(protocol, payload);
    }

    @Override
    public byte[] open(String protocol, PeerId sender, byte[] envelope) throws RequestRefusedException {
        return envelopes.open(protocol, sender, envelope);
    }

    @Override
    public CompletableFuture<Integer> put(byte[] key, byte[] subkey, byte[] value, Duration ttl) {
        return engine.put(key, subkey, value, ttl);
    }

    @Override
    public void unpublish(byte[] key, byte[] subkey) {
        engine.unpublish(key, subkey);
    }

    @Override
    public CompletableFuture<List<DhtRecord>> get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public CompletableFuture<Integer> provide(byte[] key) {
        return engine.provide(key);
    }

    @Override
    public CompletableFuture<List<DhtPeer>> providers(byte[] key) {
        return engine.providers(key);
    }

    @Override
    public CompletableFuture<Optional<DhtPeer>> findPeer(PeerId peer) {
        return engine.findPeer(peer);
    }

    @Override
    public CompletableFuture<List<DhtPeer>> closestPeers(byte[] key) {
        return engine.closestPeers(key);
    }

    @Override
    public List<DhtPeer> routingTable() {
        return engine.routingTable();
    }

    @Override
    public Subscription subscribe(byte[] keyPrefix, Consumer<DhtRecord> listener) {
        return engine.subscribe(keyPrefix, listener);
    }
}
