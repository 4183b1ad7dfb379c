package org.hypertensor.ledger.api.consensus;

/**
 * A finalized block as peers serve it: the encoded block and its finality certificate (for a block below
 * the head, the certificate its child's header carries; for the head, the one the ledger keeps).
 */
public record FinalizedBlock(long number, byte[] encoded, byte[] certificate) {

    public FinalizedBlock {
        encoded = encoded.clone();
        certificate = certificate.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }
}
