package org.hypertensor.chain.network.internal.bft;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;

/**
 * The BFT validator set of each height, with proposer priorities: height 1 starts from the chain's set,
 * and each height is the one before moved on by one step ({@link ValidatorSet#nextHeight()}), so the
 * proposer rotates by voting power the same way on every node. The chain's set does not change yet, so
 * the sets are derived here rather than kept in chain state. One user at a time (synchronized).
 */
final class BftSets {

    private final ValidatorSet first;
    private long cachedHeight = 1;
    private ValidatorSet cached;

    BftSets(org.hypertensor.ledger.api.consensus.ValidatorSet chainSet) {
        this.first = of(chainSet);
        this.cached = first;
    }

    /** The chain's set as the BFT bundle's type (keys and powers; fresh priorities). */
    static ValidatorSet of(org.hypertensor.ledger.api.consensus.ValidatorSet set) {
        List<Validator> out = new ArrayList<>();
        for (org.hypertensor.ledger.api.consensus.Validator v : set.validators()) {
            out.add(new Validator(ValidatorKey.of(v.account()), v.power()));
        }
        return ValidatorSet.of(out);
    }

    synchronized ValidatorSet at(long height) {
        if (height < 1) {
            throw new IllegalArgumentException("heights start at 1");
        }
        if (height < cachedHeight) {
            cachedHeight = 1;
            cached = first;
        }
        while (cachedHeight < height) {
            cached = cached.nextHeight();
            cachedHeight++;
        }
        return cached;
    }
}
