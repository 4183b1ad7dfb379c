package org.hypertensor.rpc.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls the node's JSON-RPC answered since it started, by method, as an OSGi service (for monitoring). Each
 * element of a batch counts. A call of a method not served counts under {@link #UNKNOWN}, a request that is not
 * JSON-RPC at all under {@link #INVALID}, so the keys stay the served methods' names plus these two.
 *
 * @since 1.2
 */
@ProviderType
public interface RpcCounters {

    String UNKNOWN = "(unknown)";
    String INVALID = "(invalid)";

    /** Calls answered and error answers among them. */
    record Counts(long requests, long errors) {}

    /** A snapshot, by method name. */
    Map<String, Counts> byMethod();
}
