package org.hypertensor.p2p.internal.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.junit.jupiter.api.Test;

class PenaltyBookTest {

    @Test
    void penaltiesDecayOnePerPeriodAndTheBookForgetsCleanPeers() {
        AtomicLong now = new AtomicLong(1_000);
        PenaltyBook book = new PenaltyBook(100, now::get);
        PeerId peer = NodeKey.generate(new java.security.SecureRandom()).peerId();
        assertEquals(1, book.add(peer));
        assertEquals(2, book.add(peer));
        now.addAndGet(99);
        assertEquals(2, book.count(peer));
        now.addAndGet(1);
        assertEquals(1, book.count(peer), "one forgiven after one period");
        assertEquals(2, book.add(peer));
        now.addAndGet(1_000);
        assertEquals(0, book.count(peer));
        book.prune();
        assertEquals(0, book.size());
    }
}
