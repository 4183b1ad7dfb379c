package org.hypertensor.chain.network.internal.state;

/** A state chunk that does not prove against the state root: the peer that served it is at fault. */
public final class BadChunkException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadChunkException(String message) {
        super(message);
    }
}
