package org.hypertensor.p2p.api;

/** Judges incoming messages of a topic. */
@FunctionalInterface
public interface TopicValidator {

    /** What to do with a message. */
    enum Result {
        /** Deliver and forward. */
        ACCEPT,
        /** Drop silently (e.g. stale), no penalty. */
        IGNORE,
        /** Drop and count it against the peer that sent it. */
        REJECT
    }

    Result validate(PubSubMessage message);
}
