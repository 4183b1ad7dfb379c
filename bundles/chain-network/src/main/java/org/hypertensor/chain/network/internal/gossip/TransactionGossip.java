package org.hypertensor.chain.network.internal.gossip;

import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.PoolListener;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossips the pool: every transaction the pool accepts locally is published on the chain's transaction
 * topic, and every transaction gossiped by peers is submitted to the pool — the gossip validator's answer
 * is the pool's (accepted: forward it; stale or unaffordable here: drop quietly; malformed or forged:
 * reject, which counts against the sender).
 */
@Component(service = PoolListener.class, immediate = true)
public final class TransactionGossip implements PoolListener {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionGossip.class);

    private final Ledger ledger;
    private final PubSub pubsub;
    private final String topic;
    private final TopicValidator validator = this::validate;
    private final PubSub.Subscription subscription;
    /** The transaction being submitted from gossip on this thread: not published again, relayed if ready. */
    private final ThreadLocal<Relay> relaying = new ThreadLocal<>();

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    @Activate
    public TransactionGossip(@Reference Ledger ledger, @Reference PubSub pubsub) {
        this.ledger = ledger;
        this.pubsub = pubsub;
        this.topic = topicFor(ledger.chain().genesisHash());
        pubsub.addValidator(topic, validator);
        subscription = pubsub.subscribe(topic, message -> received.incrementAndGet());
        LOG.info("Gossiping transactions on {}", topic);
    }

    /** {@code /hypertensor/<first 8 bytes of the genesis hash>/transactions/1}: one topic per chain. */
    public static String topicFor(byte[] genesisHash) {
        return Topics.of(genesisHash, "transactions");
    }

    @Override
    public void accepted(SignedTransaction transaction) {
        Relay relay = relaying.get();
        if (relay != null && relay.tx == transaction) {
            relay.ready = true;
            return;
        }
        pubsub.publish(topic, transaction.encoded()).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("Publishing a transaction failed: {}", error.toString());
            } else {
                published.incrementAndGet();
            }
        });
    }

    TopicValidator.Result validate(PubSubMessage message) {
        SignedTransaction tx;
        try {
            tx = SignedTransaction.decode(message.data());
        } catch (DecodeException e) {
            return TopicValidator.Result.REJECT;
        }
        Relay relay = new Relay(tx);
        relaying.set(relay);
        try {
            ledger.submit(tx);
            // The pool tells its listeners of ready transactions only: one waiting for an earlier nonce
            // is kept here but not forwarded.
            return relay.ready ? TopicValidator.Result.ACCEPT : TopicValidator.Result.IGNORE;
        } catch (TransactionRejected e) {
            return switch (e.reason()) {
                case MALFORMED, TOO_LARGE, BAD_SIGNATURE, UNKNOWN_CALL -> TopicValidator.Result.REJECT;
                default -> TopicValidator.Result.IGNORE;
            };
        } finally {
            relaying.remove();
        }
    }

    private static final class Relay {
        final SignedTransaction tx;
        boolean ready;

        Relay(SignedTransaction tx) {
            this.tx = tx;
        }
    }

    /** Transactions published / gossip messages delivered, for diagnostics. */
    public long[] counts() {
        return new long[] {published.get(), received.get()};
    }

    @Deactivate
    public void close() {
        subscription.close();
        pubsub.removeValidator(topic, validator);
    }
}
