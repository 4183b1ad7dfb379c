package org.hypertensor.dht.internal.net;

import java.io.EOFException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.node.KademliaNode;
import org.hypertensor.dht.internal.records.ProviderStore;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.dht.internal.wire.KadMessage;
import org.hypertensor.dht.internal.wire.KadMessage.Type;
import org.hypertensor.dht.internal.wire.RecordSetCodec;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Kademlia requests on inbound streams: LP {@link KadMessage} in, LP answer out, as many as the
 * peer sends on the stream (js sends one). Peers that are not admitted, malformed messages and records
 * the store refuses get the stream reset (kad-dht has no error message) and are counted.
 */
public final class KadHandler implements ProtocolHandler {

    /** Dates the request envelopes and records this side sends. */
    private final Clock clock;

    private static final Logger LOG = LoggerFactory.getLogger(KadHandler.class);
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_REQUESTS_PER_STREAM = 64;

    private final KademliaNode node;
    private final P2pNetwork p2p;
    private final AddressBook addresses;
    private final Predicate<PeerId> admitted;
    private final Duration timeout;
    private final int maxMessage;
    private final KadStats stats;

    public KadHandler(
            KademliaNode node,
            P2pNetwork p2p,
            AddressBook addresses,
            Predicate<PeerId> admitted,
            Duration timeout,
            int maxMessage,
            KadStats stats,
            Clock clock) {
        this.clock = clock;
        this.node = node;
        this.p2p = p2p;
        this.addresses = addresses;
        this.admitted = admitted;
        this.timeout = timeout;
        this.maxMessage = maxMessage;
        this.stats = stats;
    }

    /** Thrown inside to refuse a request: the stream is reset and the reason counted. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String counter;

        Refused(String counter, String message) {
            super(message, null, false, false);
            this.counter = counter;
        }
    }

    @Override
    public void handle(P2pStream stream) {
        PeerId from = stream.remotePeer();
        try {
            if (!admitted.test(from)) {
                throw new Refused("refused.not-admitted", "not admitted");
            }
            stream.setTimeout(timeout);
            for (int i = 0; i < MAX_REQUESTS_PER_STREAM; i++) {
                byte[] bytes;
                try {
                    bytes = stream.readMessage(maxMessage).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof EOFException && i > 0) {
                        break; // the peer closed its side after its requests
                    }
                    throw new Refused(
                            "refused.unreadable",
                            "unreadable request: " + e.getCause().getMessage());
                }
                KadMessage request;
                try {
                    request = KadMessage.decode(bytes);
                } catch (MalformedInputException e) {
                    throw new Refused("refused.malformed", "malformed message: " + e.getMessage());
                }
                stats.count("served." + request.type());
                KadMessage reply = answer(from, request);
                if (reply != null) {
                    stream.writeMessage(reply.encode()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            stream.closeWrite();
        } catch (Refused r) {
            stats.count(r.counter);
            LOG.debug("Kademlia request from {} refused: {}", from.shortString(), r.getMessage());
            stream.reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.reset();
        } catch (Exception e) {
            stats.count(KadStats.FAILED);
            LOG.debug("Kademlia stream from {} failed: {}", from.shortString(), e.toString());
            stream.reset();
        }
    }

    private KadMessage answer(PeerId from, KadMessage m) throws Refused {
        Contact sender = Contacts.of(from);
        if (m.key().length > MAX_KEY_BYTES) {
            throw new Refused("refused.malformed", "key of " + m.key().length + " bytes");
        }
        if (m.type() != Type.PING && m.key().length == 0) {
            throw new Refused("refused.malformed", m.type() + " without a key");
        }
        return switch (m.type()) {
            case PING -> {
                node.onPing(sender);
                yield m;
            }
            case FIND_NODE ->
                new KadMessage(
                        Type.FIND_NODE,
                        m.key(),
                        null,
                        peers(node.onFindNode(sender, NodeId.hashOf(m.key())), from),
                        List.of());
            case GET_VALUE -> {
                List<DhtRecord> held = node.onGetValue(sender, m.key());
                KadMessage.Record r = held.isEmpty()
                        ? null
                        : new KadMessage.Record(
                                m.key(),
                                RecordSetCodec.encode(held),
                                clock.instant().toString());
                yield new KadMessage(Type.GET_VALUE, m.key(), r, closer(m.key(), from), List.of());
            }
            case PUT_VALUE -> {
                put(sender, m);
                yield m; // the echo tells the sender it was stored
            }
            case ADD_PROVIDER -> {
                addProvider(sender, from, m);
                yield null; // kad-dht sends no answer to ADD_PROVIDER
            }
            case GET_PROVIDERS -> {
                List<KadMessage.Peer> providers = new ArrayList<>();
                for (ProviderStore.Provider p : node.onGetProviders(sender, m.key())) {
                    providers.add(new KadMessage.Peer(PeerId.parse(p.peer()).toBytes(), p.addrs(), 0));
                }
                yield new KadMessage(Type.GET_PROVIDERS, m.key(), null, closer(m.key(), from), providers);
            }
        };
    }

    private void put(Contact sender, KadMessage m) throws Refused {
        if (m.record() == null || !Arrays.equals(m.record().key(), m.key())) {
            throw new Refused("refused.malformed", "PUT_VALUE without a record for its key");
        }
        List<DhtRecord> entries;
        try {
            entries = RecordSetCodec.decode(m.key(), m.record().value());
        } catch (MalformedInputException e) {
            throw new Refused("refused.malformed", "PUT_VALUE with a malformed record: " + e.getMessage());
        }
        for (DhtRecord r : entries) {
            RecordStore.Verdict v = node.onPutValue(sender, r);
            if (v != RecordStore.Verdict.ACCEPTED) {
                throw new Refused("refused.put." + v, "record refused: " + v);
            }
        }
    }

    private void addProvider(Contact sender, PeerId from, KadMessage m) throws Refused {
        byte[] self = from.toBytes();
        for (KadMessage.Peer p : m.providerPeers()) {
            if (!Arrays.equals(p.id(), self)) {
                stats.count("refused.provider-not-sender"); // a peer may only announce itself
                continue;
            }
            addresses.learn(from, p.addrs());
            if (!node.onAddProvider(sender, m.key(), p.addrs())) {
                throw new Refused("refused.provider-limit", "provider limit reached");
            }
        }
    }

    private List<KadMessage.Peer> closer(byte[] key, PeerId requester) {
        return peers(node.table().closest(NodeId.hashOf(key), KademliaNode.K), requester);
    }

    /** Wire peers of contacts (without the requester), with the addresses we know. */
    private List<KadMessage.Peer> peers(List<Contact> contacts, PeerId requester) {
        List<KadMessage.Peer> out = new ArrayList<>();
        for (Contact c : contacts) {
            PeerId p = Contacts.peerOf(c);
            if (!p.equals(requester)) {
                out.add(new KadMessage.Peer(
                        p.toBytes(),
                        addresses.binaryAddresses(p),
                        p2p.isConnected(p) ? KadMessage.Peer.CONNECTED : KadMessage.Peer.NOT_CONNECTED));
            }
        }
        return out;
    }
}
