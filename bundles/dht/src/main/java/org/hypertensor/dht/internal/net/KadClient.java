package org.hypertensor.dht.internal.net;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.lookup.KadRpc;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.dht.internal.wire.KadMessage;
import org.hypertensor.dht.internal.wire.KadMessage.Type;
import org.hypertensor.dht.internal.wire.RecordSetCodec;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Kademlia requests over libp2p: one stream per request, LP {@link KadMessage} out, LP message back
 * (none for ADD_PROVIDER). Dials a peer at the addresses DHT answers gave for it when not connected.
 * Answers are decoded on {@code executor}, never on the connection's I/O thread.
 */
public final class KadClient implements KadRpc {

    /** Dates the request envelopes and records this side sends. */
    private final Clock clock;

    private final P2pNetwork p2p;
    private final String protocol;
    private final AddressBook addresses;
    private final Duration timeout;
    private final int maxMessage;
    private final Executor executor;
    private final KadStats stats;
    private final java.util.function.Predicate<PeerId> admitted;

    /** {@code admitted}: peers named in answers that fail it are ignored (no lookups through unstaked peers). */
    public KadClient(
            P2pNetwork p2p,
            String protocol,
            AddressBook addresses,
            Duration timeout,
            int maxMessage,
            Executor executor,
            KadStats stats,
            java.util.function.Predicate<PeerId> admitted,
            Clock clock) {
        this.clock = clock;
        this.admitted = admitted;
        this.p2p = p2p;
        this.protocol = protocol;
        this.addresses = addresses;
        this.timeout = timeout;
        this.maxMessage = maxMessage;
        this.executor = executor;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<List<Contact>> findNode(Contact to, NodeId target) {
        byte[] key = target.key();
        if (key == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("FIND_NODE needs the target's key"));
        }
        return request(to, KadMessage.request(Type.FIND_NODE, key), true).thenApply(m -> contacts(m.closerPeers()));
    }

    @Override
    public CompletableFuture<Void> ping(Contact to) {
        return p2p.ping(Contacts.peerOf(to))
                .thenApply(d -> (Void) null)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Boolean> putValue(Contact to, DhtRecord record) {
        KadMessage.Record r = new KadMessage.Record(
                record.key(),
                RecordSetCodec.encode(List.of(record)),
                clock.instant().toString());
        KadMessage m = new KadMessage(Type.PUT_VALUE, record.key(), r, List.of(), List.of());
        // The receiver echoes the message when it stored the record, and resets the stream if not.
        return request(to, m, true)
                .thenApply(reply -> reply.record() != null
                        && java.util.Arrays.equals(reply.record().value(), r.value()));
    }

    @Override
    public CompletableFuture<List<DhtRecord>> getValue(Contact to, byte[] key) {
        return request(to, KadMessage.request(Type.GET_VALUE, key), true).thenApply(m -> {
            contacts(m.closerPeers());
            if (m.record() == null) {
                return List.<DhtRecord>of();
            }
            if (!java.util.Arrays.equals(m.record().key(), key)) {
                throw new MalformedInputException("GET_VALUE answer for another key");
            }
            return RecordSetCodec.decode(key, m.record().value());
        });
    }

    @Override
    public CompletableFuture<Void> addProvider(Contact to, byte[] key) {
        PeerId self = p2p.localPeerId();
        KadMessage.Peer me = new KadMessage.Peer(
                self.toBytes(),
                p2p.listenAddresses().stream()
                        .map(a -> a.withoutPeerId().toBytes())
                        .toList(),
                KadMessage.Peer.CONNECTED);
        KadMessage m = new KadMessage(Type.ADD_PROVIDER, key, null, List.of(), List.of(me));
        return request(to, m, false).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<List<String>> getProviders(Contact to, byte[] key) {
        return request(to, KadMessage.request(Type.GET_PROVIDERS, key), true).thenApply(m -> {
            contacts(m.closerPeers());
            return contacts(m.providerPeers()).stream().map(Contact::peer).toList();
        });
    }

    /** Contacts of the listed admitted peers, remembering their addresses; malformed ids are skipped. */
    private List<Contact> contacts(List<KadMessage.Peer> peers) {
        List<Contact> out = new ArrayList<>();
        for (KadMessage.Peer p : peers) {
            try {
                PeerId id = PeerId.fromBytes(p.id());
                if (!admitted.test(id)) {
                    stats.count("answers.not-admitted");
                    continue;
                }
                addresses.learn(id, p.addrs());
                out.add(Contacts.of(id));
            } catch (IllegalArgumentException e) {
                stats.count("answers.bad-peer-id");
            }
        }
        return out;
    }

    private CompletableFuture<KadMessage> request(Contact to, KadMessage message, boolean expectReply) {
        PeerId peer;
        try {
            peer = Contacts.peerOf(to);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        stats.count("sent." + message.type());
        return connect(peer)
                .thenCompose(v -> p2p.openStream(peer, List.of(protocol)))
                .thenComposeAsync(s -> exchange(s, message, expectReply), executor)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<KadMessage> exchange(P2pStream s, KadMessage message, boolean expectReply) {
        s.setTimeout(timeout);
        CompletableFuture<KadMessage> done = s.writeMessage(message.encode()).thenCompose(v -> {
            if (!expectReply) {
                return s.closeWrite().thenApply(x -> (KadMessage) null);
            }
            return s.readMessage(maxMessage).thenApplyAsync(KadMessage::decode, executor);
        });
        done.whenComplete((m, e) -> {
            if (e != null) {
                s.reset();
            } else if (expectReply) {
                s.closeWrite();
            }
        });
        return done;
    }

    /** Connects through the addresses we know unless already connected; the last failure if none works. */
    private CompletableFuture<Void> connect(PeerId peer) {
        if (p2p.isConnected(peer)) {
            return CompletableFuture.completedFuture(null);
        }
        List<Multiaddr> known = addresses.addresses(peer);
        if (known.isEmpty()) {
            return CompletableFuture.completedFuture(null); // the host may still know a way
        }
        CompletableFuture<Void> attempt = CompletableFuture.failedFuture(new IllegalStateException("no address"));
        for (Multiaddr a : known) {
            attempt = attempt.exceptionallyCompose(
                    e -> p2p.connect(a.withPeerId(peer)).thenApply(p -> (Void) null));
        }
        return attempt;
    }
}
