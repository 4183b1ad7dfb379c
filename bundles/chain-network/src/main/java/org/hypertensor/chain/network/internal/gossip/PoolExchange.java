package org.hypertensor.chain.network.internal.gossip;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending transactions for a node that (re)connects: pooled transactions are not persisted and gossip
 * only carries new ones, so a restarted node asks each newly connected peer for its ready pool
 * ({@code /hypertensor/<genesis prefix>/pool/1}) and submits what comes to its own pool. Bounded both
 * ways ({@link #MAX_TRANSACTIONS}, {@link #MAX_BYTES}, one transaction at most
 * {@link SignedTransaction#MAX_ENCODED_BYTES}) and judged as gossip is: the pool decides; a malformed or
 * forged transaction (honest peers pool only valid ones) ends the exchange and bans the peer.
 *
 * <p>Wire: request {@code msg(u32 max)}; answer {@code msg(u32 n)} then {@code n × msg(transaction)}
 * ({@code msg} = uvarint length ‖ bytes).
 */
public final class PoolExchange implements ProtocolHandler {

    static final int MAX_TRANSACTIONS = 4096;
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PoolExchange.class);

    private final Ledger ledger;
    private final P2pNetwork network;
    private final String protocol;
    private final Duration ban;
    private final ExecutorService fetches;
    /** Peers asked during their current connection (forgotten when they disconnect, asked again on return). */
    private final Set<PeerId> asked = ConcurrentHashMap.newKeySet();

    public PoolExchange(Ledger ledger, P2pNetwork network, Duration ban, ExecutorService fetches) {
        this.ledger = ledger;
        this.network = network;
        this.protocol = protocolFor(ledger.chain().genesisHash());
        this.ban = ban;
        this.fetches = fetches;
    }

    /** {@code /hypertensor/<genesis prefix>/pool/1}. */
    public static String protocolFor(byte[] genesisHash) {
        return Topics.of(genesisHash, "pool");
    }

    public String protocol() {
        return protocol;
    }

    // ---- serving

    @Override
    public void handle(P2pStream stream) {
        try {
            byte[] request = stream.readMessage(4).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            int max = request.length == 4 ? Math.min(ByteBuffer.wrap(request).getInt(), MAX_TRANSACTIONS) : 0;
            List<byte[]> answer = new ArrayList<>();
            int bytes = 0;
            for (SignedTransaction tx : ledger.readyTransactions(Math.max(0, max))) {
                byte[] encoded = tx.encoded();
                if (bytes + encoded.length > MAX_BYTES) {
                    break;
                }
                bytes += encoded.length;
                answer.add(encoded);
            }
            stream.writeMessage(u32(answer.size())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (byte[] tx : answer) {
                stream.writeMessage(tx).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            stream.closeWrite();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.reset();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Pool request from {} failed: {}", stream.remotePeer().shortString(), e.toString());
            stream.reset();
        }
    }

    // ---- asking

    /** Asks every connected peer that serves the protocol and was not asked during this connection. */
    public void askNewPeers() {
        Set<PeerId> connected = ConcurrentHashMap.newKeySet();
        for (PeerConnection c : network.connections()) {
            connected.add(c.peer());
            if (network.peerProtocols(c.peer()).contains(protocol) && asked.add(c.peer())) {
                try {
                    fetches.execute(() -> fetch(c.peer()));
                } catch (RejectedExecutionException e) {
                    asked.remove(c.peer()); // stopping
                }
            }
        }
        asked.retainAll(connected);
    }

    /** Fetches the peer's ready pool into ours; how many of its transactions were new here. */
    int fetch(PeerId peer) {
        int received = 0;
        int added = 0;
        P2pStream stream = null;
        try {
            stream = network.openStream(peer, List.of(protocol)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            stream.writeMessage(u32(MAX_TRANSACTIONS)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            byte[] header = stream.readMessage(4).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            int count = header.length == 4 ? ByteBuffer.wrap(header).getInt() : -1;
            if (count < 0 || count > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("answer announces " + count + " transactions");
            }
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                byte[] tx = stream.readMessage(SignedTransaction.MAX_ENCODED_BYTES)
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                bytes += tx.length;
                if (bytes > MAX_BYTES) {
                    throw new IllegalArgumentException("answer over " + MAX_BYTES + " bytes");
                }
                received++;
                if (submit(peer, tx)) {
                    added++;
                }
            }
            stream.closeWrite();
            if (added > 0) {
                LOG.info("Pool of {}: {} ready transactions, {} new here", peer.shortString(), received, added);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvalidAnswer e) {
            network.ban(peer, ban, e.getMessage());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Pool of {} not fetched: {}", peer.shortString(), e.toString());
            if (stream != null) {
                stream.reset();
            }
        }
        return added;
    }

    /** Submits one transaction; false when the pool had it or will not take it here (stale, unaffordable). */
    private boolean submit(PeerId peer, byte[] tx) throws InvalidAnswer {
        try {
            ledger.submit(tx);
            return true;
        } catch (TransactionRejected e) {
            return switch (e.reason()) {
                case MALFORMED, TOO_LARGE, BAD_SIGNATURE, UNKNOWN_CALL ->
                    throw new InvalidAnswer("invalid transaction in its pool answer (" + e.reason() + ")");
                default -> false;
            };
        }
    }

    private static byte[] u32(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }

    /** A transaction an honest peer could not have pooled. */
    private static final class InvalidAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAnswer(String message) {
            super(message);
        }
    }
}
