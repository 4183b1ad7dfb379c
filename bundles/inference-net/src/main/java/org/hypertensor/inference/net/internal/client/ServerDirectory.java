package org.hypertensor.inference.net.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.internal.wire.AnnouncementCodec;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the subnet's block announcements from the DHT: for each block its key, each entry's publisher must
 * be its subkey (a server announces only itself) and have proof of stake in the subnet; per server the
 * entry with the highest sequence counts. Unstaked or malformed announcements are ignored (logged once at
 * debug).
 */
public final class ServerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDirectory.class);

    private final Dht dht;
    private final StakeCheck stake;
    private final Duration timeout;

    public ServerDirectory(Dht dht, StakeCheck stake, Duration timeout) {
        this.dht = dht;
        this.stake = stake;
        this.timeout = timeout;
    }

    /** The announcements found under blocks {@code 0..blocks-1} of the subnet, by first block then peer. */
    public List<BlockAnnouncement> servers(long subnet, int blocks) {
        List<CompletableFuture<List<DhtRecord>>> lookups = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            lookups.add(dht.get(AnnouncementCodec.key(subnet, i)));
        }
        Map<PeerId, DhtRecord> latest = new TreeMap<>();
        for (CompletableFuture<List<DhtRecord>> f : lookups) {
            for (DhtRecord r : await(f)) {
                PeerId publisher;
                try {
                    publisher = PeerId.fromEd25519(r.publisher());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!java.util.Arrays.equals(r.subkey(), publisher.toBytes())) {
                    LOG.debug("Ignoring an announcement of {} whose subkey is not its peer id", publisher);
                    continue;
                }
                latest.merge(publisher, r, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        List<BlockAnnouncement> out = new ArrayList<>();
        for (Map.Entry<PeerId, DhtRecord> e : latest.entrySet()) {
            if (!stake.staked(subnet, e.getKey())) {
                LOG.debug("Ignoring the announcement of {}: no proof of stake in subnet {}", e.getKey(), subnet);
                continue;
            }
            try {
                out.add(AnnouncementCodec.decode(e.getKey(), e.getValue().value()));
            } catch (MalformedInputException ex) {
                LOG.debug("Ignoring a malformed announcement of {}: {}", e.getKey(), ex.getMessage());
            }
        }
        out.sort(Comparator.comparingInt((BlockAnnouncement a) -> a.range().start())
                .thenComparing(BlockAnnouncement::peer));
        return out;
    }

    private List<DhtRecord> await(CompletableFuture<List<DhtRecord>> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("DHT lookup failed: {}", e.toString());
            return List.of();
        }
    }
}
