package org.hypertensor.dht.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hypertensor.p2p.api.PeerId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's Kademlia DHT ({@value #PROTOCOL}), as an OSGi service. Records are signed by this node's
 * peer key; under one key each publisher has one entry per subkey, and reads merge what the k closest
 * peers hold (per subkey and publisher the highest valid sequence). Futures complete on network threads.
 */
@ProviderType
public interface Dht {

    String PROTOCOL = "/hypertensor/kad/1.0.0";

    /**
     * Signs and stores a record at the k closest peers to {@code key}; the node republishes it (with a
     * new sequence) until {@link #unpublish} or until it stops. Completes with how many peers stored it.
     *
     * @throws IllegalArgumentException if the record is over the size limit or {@code ttl} over the maximum
     */
    CompletableFuture<Integer> put(byte[] key, byte[] subkey, byte[] value, Duration ttl);

    /** Stops republishing our entry under {@code key}/{@code subkey} (peers keep it until it expires). */
    void unpublish(byte[] key, byte[] subkey);

    /** Every valid entry under {@code key}, merged from the k closest peers and our own store. */
    CompletableFuture<List<DhtRecord>> get(byte[] key);

    /** Announces this node as a provider of {@code key} at the k closest peers; completes with how many were told. */
    CompletableFuture<Integer> provide(byte[] key);

    /** The peers that announced they provide {@code key}. */
    CompletableFuture<List<DhtPeer>> providers(byte[] key);

    /** The peer and its addresses, if a lookup finds it. */
    CompletableFuture<Optional<DhtPeer>> findPeer(PeerId peer);

    /** The k live peers closest to {@code key}'s position, closest first. */
    CompletableFuture<List<DhtPeer>> closestPeers(byte[] key);

    /** The routing table, by bucket (shared prefix length with our id), then least recently seen first. */
    List<DhtPeer> routingTable();

    /**
     * Calls {@code listener} with each record stored on this node whose key starts with {@code keyPrefix}
     * (put here by peers, or by us). Local: it tells what reaches this node, not the whole network.
     */
    Subscription subscribe(byte[] keyPrefix, Consumer<DhtRecord> listener);

    /** A subscription to a key prefix; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
