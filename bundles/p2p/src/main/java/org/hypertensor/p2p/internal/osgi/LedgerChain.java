package org.hypertensor.p2p.internal.osgi;

import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.p2p.internal.identity.IdentitySelector.Chain;

/**
 * Asks the ledger whether its chain is a dev chain. A class of its own so that {@link P2pNode} loads
 * without the ledger API (an optional import): only this class needs it, and only when a ledger exists.
 */
final class LedgerChain {

    private LedgerChain() {}

    /** @throws LinkageError or ClassCastException when the ledger API is not wired to this bundle */
    static Chain of(Object ledger) {
        if (ledger == null) {
            return Chain.NONE;
        }
        return ((Ledger) ledger).chain().dev() ? Chain.DEV : Chain.NOT_DEV;
    }
}
