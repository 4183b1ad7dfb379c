package org.hypertensor.p2p.internal.protocol;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.host.Connection;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ipfs/id/1.0.0}: the responder writes one identify message and closes; and
 * {@code /ipfs/id/push/1.0.0}: the same message, sent unasked when our protocols change.
 */
public final class IdentifyProtocol {

    public static final String ID = "/ipfs/id/1.0.0";
    public static final String PUSH = "/ipfs/id/push/1.0.0";
    public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(IdentifyProtocol.class);

    private final Host host;
    private final Clock clock;

    public IdentifyProtocol(Host host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /** Serves {@link #ID}: our identify message, then FIN. */
    public void respond(P2pStream stream) {
        stream.writeMessage(message(stream.remoteAddress()).encode())
                .thenCompose(v -> stream.closeWrite())
                .whenComplete((v, e) -> {
                    if (e != null) {
                        stream.reset();
                    }
                });
    }

    /** Serves {@link #PUSH}: reads the peer's message and records it. */
    public void receivePush(P2pStream stream) {
        stream.readMessage(MAX_MESSAGE).whenComplete((m, e) -> {
            if (e == null) {
                record(stream.remotePeer(), m, true);
                stream.closeWrite();
            } else {
                stream.reset();
            }
        });
    }

    /** Asks the peer of {@code connection} who it is and records the answer. */
    public CompletableFuture<Void> identify(Connection connection) {
        return connection
                .openStream(List.of(ID))
                .thenCompose(s -> s.readMessage(MAX_MESSAGE).whenComplete((m, e) -> s.closeWrite()))
                .thenAccept(m -> record(connection.peer(), m, false));
    }

    /** Sends our identify message to every connected peer. */
    public void pushToAll() {
        for (Connection c : host.liveConnections()) {
            List<String> theirs = host.peerProtocols(c.peer());
            if (!theirs.isEmpty() && !theirs.contains(PUSH)) {
                continue; // identified, and it does not take pushes (not yet identified: try anyway)
            }
            c.openStream(List.of(PUSH))
                    .thenCompose(s ->
                            s.writeMessage(message(c.remoteAddress()).encode()).thenCompose(v -> s.closeWrite()))
                    .exceptionally(e -> {
                        LOG.debug("Identify push to {} failed: {}", c.peer().shortString(), e.getMessage());
                        return null;
                    });
        }
    }

    IdentifyMessage message(Multiaddr observed) {
        List<Multiaddr> listen =
                host.listenAddresses().stream().map(Multiaddr::withoutPeerId).toList();
        byte[] record = SignedPeerRecord.create(host.key(), clock.millis(), listen);
        return new IdentifyMessage(
                host.key().publicKeyProtobuf(),
                listen,
                host.protocols().ids(),
                observed,
                PROTOCOL_VERSION,
                host.config().agentVersion(),
                record);
    }

    private void record(PeerId peer, byte[] data, boolean push) {
        try {
            IdentifyMessage m = IdentifyMessage.decode(data);
            if (m.publicKey() != null
                    && !PeerId.fromEd25519(KeyProtobuf.decodeEd25519Public(m.publicKey()))
                            .equals(peer)) {
                throw new MalformedInputException("identify key does not match the peer id");
            }
            List<Multiaddr> addrs = m.listenAddrs();
            if (m.signedPeerRecord() != null) {
                try {
                    SignedPeerRecord.Record r = SignedPeerRecord.open(m.signedPeerRecord());
                    if (r.peer().equals(peer)) {
                        addrs = r.addresses();
                    }
                } catch (MalformedInputException | IllegalArgumentException e) {
                    LOG.info("Ignoring the signed peer record of {}: {}", peer.shortString(), e.getMessage());
                }
            }
            host.peerStore().identified(peer, addrs, m.protocols(), m.agentVersion(), m.protocolVersion());
            LOG.debug(
                    "Identified {}{}: {} ({} protocols)",
                    peer.shortString(),
                    push ? " (push)" : "",
                    m.agentVersion(),
                    m.protocols().size());
            host.fireIdentified(peer);
        } catch (MalformedInputException | IllegalArgumentException e) {
            LOG.warn("Bad identify message from {}: {}", peer.shortString(), e.getMessage());
        }
    }
}
