package org.hypertensor.p2p.internal.osgi;

import java.util.Map;
import org.hypertensor.p2p.internal.identity.IdentitySelector.Chain;

/**
 * What the ledger's chain marker service says about its chain: the ledger registers it with
 * {@value #DEV} = {@code true|false}, so p2p learns whether dev identities are allowed without importing
 * the ledger API.
 */
final class LedgerChain {

    /** The marker's service property. */
    static final String DEV = "hypertensor.chain.dev";

    private LedgerChain() {}

    /** @param properties the marker's service properties, or {@code null} when no ledger runs */
    static Chain of(Map<String, Object> properties) {
        if (properties == null) {
            return Chain.NONE;
        }
        Object dev = properties.get(DEV);
        if (dev == null) {
            return Chain.UNKNOWN;
        }
        return Boolean.parseBoolean(dev.toString()) ? Chain.DEV : Chain.NOT_DEV;
    }
}
