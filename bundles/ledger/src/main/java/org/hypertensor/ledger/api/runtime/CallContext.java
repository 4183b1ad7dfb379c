package org.hypertensor.ledger.api.runtime;

/** The context of a call: who sent it. */
public interface CallContext extends RuntimeContext {

    /** The signer's account (public key), or {@code null} for a root call dispatched by sudo. */
    byte[] caller();

    /** Whether the call runs with root origin ({@code sudo.sudo} signed by the chain spec's sudo key). */
    boolean isRoot();

    /** The signer, failing with {@code BadOrigin} for a root call. */
    default byte[] ensureSigned() {
        byte[] caller = caller();
        if (caller == null) {
            throw new ModuleError("BadOrigin", "this call needs a signed origin");
        }
        return caller;
    }

    /** Fails with {@code BadOrigin} unless the call runs as root. */
    default void ensureRoot() {
        if (!isRoot()) {
            throw new ModuleError("BadOrigin", "this call needs root origin (sudo)");
        }
    }
}
