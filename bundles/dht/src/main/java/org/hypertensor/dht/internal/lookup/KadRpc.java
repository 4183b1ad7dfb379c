package org.hypertensor.dht.internal.lookup;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;

/**
 * The Kademlia requests a node sends, whatever carries them (libp2p streams, or the simulator).
 * Every future completes exceptionally when the peer does not answer in time.
 */
public interface KadRpc {

    /** FIND_NODE: the peer's closest known contacts to {@code target}. */
    CompletableFuture<List<Contact>> findNode(Contact to, NodeId target);

    /** PING: whether the peer is alive. */
    CompletableFuture<Void> ping(Contact to);

    /** PUT_VALUE: asks the peer to store a record; true if it accepted it. */
    CompletableFuture<Boolean> putValue(Contact to, DhtRecord record);

    /** GET_VALUE: the peer's valid records under {@code key}. */
    CompletableFuture<List<DhtRecord>> getValue(Contact to, byte[] key);

    /** ADD_PROVIDER: tells the peer that we provide {@code key} (no answer is expected). */
    CompletableFuture<Void> addProvider(Contact to, byte[] key);

    /** GET_PROVIDERS: the providers of {@code key} the peer knows (transport names, as {@link Contact#peer}). */
    CompletableFuture<List<String>> getProviders(Contact to, byte[] key);
}
