package org.hypertensor.chain.network.internal.bft;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.ledger.api.consensus.ActiveSet;

/**
 * The BFT validator set of each height, with proposer priorities. The chain keeps the members of the
 * head and the next height and the height they took effect ({@link ActiveSet#since()}); the priorities
 * start fresh at that height and move one step per height ({@link ValidatorSet#nextHeight()}), so the
 * proposer rotates by voting power the same way on every node, from the chain state alone. One user at a
 * time (synchronized).
 */
final class BftSets {

    private org.hypertensor.ledger.api.consensus.ValidatorSet members;
    private long since;
    private long cachedHeight;
    private ValidatorSet cached;

    /** The chain's set as the BFT bundle's type (keys and powers; fresh priorities). */
    static ValidatorSet of(org.hypertensor.ledger.api.consensus.ValidatorSet set) {
        List<Validator> out = new ArrayList<>();
        for (org.hypertensor.ledger.api.consensus.Validator v : set.validators()) {
            out.add(new Validator(ValidatorKey.of(v.account()), v.power()));
        }
        return ValidatorSet.of(out);
    }

    /** The set of {@code active.height()}: fresh at {@code since}, one step on per height after it. */
    synchronized ValidatorSet at(ActiveSet active) {
        long height = active.height();
        boolean sameRun = cached != null && since == active.since() && members.equals(active.validators());
        if (!sameRun || height < cachedHeight) {
            members = active.validators();
            since = active.since();
            cached = of(members);
            cachedHeight = since;
        }
        while (cachedHeight < height) {
            cached = cached.nextHeight();
            cachedHeight++;
        }
        return cached;
    }
}
