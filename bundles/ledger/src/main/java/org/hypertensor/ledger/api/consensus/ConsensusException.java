package org.hypertensor.ledger.api.consensus;

/** A block or certificate the ledger refuses, or an operation it cannot do now; the message says why. */
public class ConsensusException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether the fault is the block's (a peer serving it is at fault) rather than this node's state. */
    private final boolean invalidBlock;

    public ConsensusException(String message, boolean invalidBlock) {
        super(message);
        this.invalidBlock = invalidBlock;
    }

    public ConsensusException(String message, boolean invalidBlock, Throwable cause) {
        super(message, cause);
        this.invalidBlock = invalidBlock;
    }

    /** True: the block or certificate is invalid (ban who served it); false: try again later. */
    public boolean invalidBlock() {
        return invalidBlock;
    }
}
