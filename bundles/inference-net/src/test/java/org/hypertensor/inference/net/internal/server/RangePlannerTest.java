package org.hypertensor.inference.net.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import java.util.List;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.Test;

/** The weakest window, and moves that never leave a block uncovered. */
class RangePlannerTest {

    static final PeerId SELF = peer();

    static PeerId peer() {
        return PeerId.fromEd25519(Ed25519KeyPair.generate(new SecureRandom()).publicKey());
    }

    static BlockAnnouncement at(PeerId p, String range, double throughput) {
        return new BlockAnnouncement(
                p, "m", ServerState.ONLINE, BlockRange.parse(range), throughput, 0, "java", "cpu", 100, "t", List.of());
    }

    @Test
    void choosesTheWeakestWindow() {
        assertEquals(new BlockRange(0, 2), RangePlanner.choose(8, 2, List.of(), SELF));
        List<BlockAnnouncement> others = List.of(at(peer(), "0:4", 10), at(peer(), "4:6", 10));
        assertEquals(new BlockRange(6, 8), RangePlanner.choose(8, 2, others, SELF));
        assertEquals(new BlockRange(4, 8), RangePlanner.choose(8, 4, others, SELF));
        // our own announcement does not count
        assertEquals(
                new BlockRange(6, 8),
                RangePlanner.choose(8, 2, List.of(at(SELF, "6:8", 100), others.get(0), others.get(1)), SELF));
    }

    @Test
    void movesOnlyWhenNoBlockIsLeftUncoveredAndItPays() {
        // we alone cover 6:8: never move
        List<BlockAnnouncement> others = List.of(at(peer(), "0:6", 10));
        assertNull(RangePlanner.move(8, new BlockRange(6, 8), 10, others, SELF, 1.5));
        // 0:2 is covered twice (another server and us); 6:8 by nobody: move there
        others = List.of(at(peer(), "0:6", 10), at(peer(), "0:2", 10));
        assertEquals(new BlockRange(6, 8), RangePlanner.move(8, new BlockRange(0, 2), 10, others, SELF, 1.5));
        // no gain worth the factor
        others = List.of(at(peer(), "0:8", 10), at(peer(), "0:2", 10));
        assertNull(RangePlanner.move(8, new BlockRange(0, 2), 1, others, SELF, 1.5));
    }
}
