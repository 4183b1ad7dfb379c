package org.hypertensor.dht.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What this node's Kademlia DHT did since it started, as an OSGi service of the dht bundle (for monitoring).
 * Map keys are protocol message types ({@code FIND_NODE}, {@code GET_VALUE}, {@code PUT_VALUE}, …; every type,
 * 0 until counted) or refusal reasons, a small fixed set.
 *
 * @since 1.1
 */
@ProviderType
public interface DhtCounters {

    /** Requests this node sent to peers (its queries), by message type. */
    Map<String, Long> sent();

    /** Requests of peers this node answered, by message type. */
    Map<String, Long> served();

    /**
     * Requests of peers refused, by reason ({@code refused.not-admitted}, {@code refused.malformed}, …), and those
     * whose stream failed while served ({@code failed}, always present).
     */
    Map<String, Long> refused();

    /** Records this node holds (entries under all keys, its own included). */
    long records();
}
