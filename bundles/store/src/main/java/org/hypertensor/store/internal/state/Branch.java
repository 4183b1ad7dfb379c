package org.hypertensor.store.internal.state;

/**
 * An inner node of a crit-bit trie: every leaf below has the same path bits before {@code bit}; those with a 0 at
 * {@code bit} are on the left. A branch may be changed in place only by the overlay epoch that created it
 * ({@code owner}); once an epoch ends (checkpoint, snapshot) its nodes are frozen and shared. {@code hash} is the
 * memoized Merkle hash (unused by the key index), cleared when the branch changes.
 */
final class Branch {
    final int bit;
    Object left;
    Object right;
    byte[] hash;
    final Object owner;

    Branch(int bit, Object left, Object right, Object owner) {
        this.bit = bit;
        this.left = left;
        this.right = right;
        this.owner = owner;
    }

    Object child(int side) {
        return side == 0 ? left : right;
    }

    /** This branch with one child replaced: in place if {@code owner} owns it, else a copy owned by {@code owner}. */
    Branch with(int side, Object child, Object owner) {
        if (owner != null && this.owner == owner) {
            if (side == 0) {
                left = child;
            } else {
                right = child;
            }
            hash = null;
            return this;
        }
        return side == 0 ? new Branch(bit, child, right, owner) : new Branch(bit, left, child, owner);
    }
}
