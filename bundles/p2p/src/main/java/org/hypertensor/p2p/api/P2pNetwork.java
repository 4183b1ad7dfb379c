package org.hypertensor.p2p.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The node's libp2p host: its identity, connections and streams. An OSGi service. */
public interface P2pNetwork {

    PeerId localPeerId();

    /**
     * Signs with this node's libp2p identity key (whose public key the peer id embeds), for bundles
     * that sign their own messages as this peer (DHT records, request envelopes); the seed stays here.
     */
    org.hypertensor.crypto.api.Signer identity();

    /** The addresses we listen on, each ending in {@code /p2p/<our id>}. */
    List<Multiaddr> listenAddresses();

    /**
     * Connects (or reuses the live connection) to the address; with a {@code /p2p/} part the peer must
     * prove it owns that id. Completes with the peer's id once the connection is secured and multiplexed.
     */
    CompletableFuture<PeerId> connect(Multiaddr address);

    /** Opens a stream to a connected peer (dialing a known address first if needed), for the first protocol it accepts. */
    CompletableFuture<P2pStream> openStream(PeerId peer, List<String> protocols);

    /** Closes every connection to the peer. */
    void disconnect(PeerId peer);

    /** Round trip of one {@code /ipfs/ping/1.0.0} exchange. */
    CompletableFuture<Duration> ping(PeerId peer);

    List<PeerConnection> connections();

    boolean isConnected(PeerId peer);

    /** Closes the peer's connections and refuses it for {@code duration}. */
    void ban(PeerId peer, Duration duration, String reason);

    /** Addresses known for a peer (from identify or earlier dials). */
    List<Multiaddr> knownAddresses(PeerId peer);

    /** Protocols the peer listed in identify (empty until identify completes). */
    List<String> peerProtocols(PeerId peer);
}
