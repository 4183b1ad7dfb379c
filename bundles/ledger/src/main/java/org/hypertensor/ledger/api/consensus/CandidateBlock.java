package org.hypertensor.ledger.api.consensus;

/**
 * A block that was built or executed but not committed: its number, hash (BLAKE2b-256 of the header),
 * its canonical encoding (what proposals carry and peers execute) and the state root executing it gives.
 */
public record CandidateBlock(
        long number, byte[] hash, byte[] parentHash, byte[] stateRoot, byte[] encoded, int transactions) {

    public CandidateBlock {
        hash = hash.clone();
        parentHash = parentHash.clone();
        stateRoot = stateRoot.clone();
        encoded = encoded.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] parentHash() {
        return parentHash.clone();
    }

    @Override
    public byte[] stateRoot() {
        return stateRoot.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}
