package org.hypertensor.ledger.internal.chain;

/**
 * The chain cannot do what was asked (a block that does not import, a database from another chain); the
 * message says why. {@link #invalidBlock()} tells a block at fault from one this node cannot take now.
 */
public class ChainException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean invalidBlock;

    public ChainException(String message) {
        this(message, false, null);
    }

    public ChainException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public ChainException(String message, boolean invalidBlock, Throwable cause) {
        super(message, cause);
        this.invalidBlock = invalidBlock;
    }

    /** A block that is invalid in itself (whoever served it is at fault). */
    public static ChainException invalid(String message) {
        return new ChainException(message, true, null);
    }

    public boolean invalidBlock() {
        return invalidBlock;
    }
}
