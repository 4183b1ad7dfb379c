package org.hypertensor.inference.net.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.Test;

/** Shortest paths over (server, block): switching only where a range ends, cost from ping and throughput. */
class RouterTest {

    static BlockAnnouncement server(String range, double throughput, long free) {
        PeerId peer =
                PeerId.fromEd25519(Ed25519KeyPair.generate(new SecureRandom()).publicKey());
        return new BlockAnnouncement(
                peer,
                "m",
                ServerState.ONLINE,
                BlockRange.parse(range),
                throughput,
                0,
                "java",
                "cpu",
                free,
                "t",
                List.of());
    }

    static List<Span> route(List<BlockAnnouncement> servers, String blocks) throws NoRouteException {
        return Router.route(servers, "m", BlockRange.parse(blocks), a -> 0.001, a -> true, 100);
    }

    @Test
    void prefersFastServersAndFewerHops() throws Exception {
        BlockAnnouncement all = server("0:4", 10, 1000);
        BlockAnnouncement a = server("0:2", 1000, 1000);
        BlockAnnouncement b = server("2:4", 1000, 1000);
        List<Span> r = route(List.of(all, a, b), "0:4");
        assertEquals(List.of(new Span(a, new BlockRange(0, 2)), new Span(b, new BlockRange(2, 4))), r);
        // equally fast: one server beats two hops
        BlockAnnouncement fastAll = server("0:4", 1000, 1000);
        assertEquals(List.of(new Span(fastAll, new BlockRange(0, 4))), route(List.of(fastAll, a, b), "0:4"));
    }

    @Test
    void switchesOnlyWhereARangeEnds() throws Exception {
        // a covers 0:3, b covers 1:4: the only legal chain is a[0:3] then b[3:4]
        BlockAnnouncement a = server("0:3", 10, 1000);
        BlockAnnouncement b = server("1:4", 1000, 1000);
        List<Span> r = route(List.of(a, b), "0:4");
        assertEquals(List.of(new Span(a, new BlockRange(0, 3)), new Span(b, new BlockRange(3, 4))), r);
        // a span may start inside a range (a replacement for blocks 2:3)
        assertEquals(List.of(new Span(a, new BlockRange(2, 3))), route(List.of(a), "2:3"));
    }

    @Test
    void avoidsServersWithoutCacheRoomAndBannedOnes() throws Exception {
        BlockAnnouncement full = server("0:4", 1000, 10);
        BlockAnnouncement slow = server("0:4", 1, 1000);
        assertEquals(slow, route(List.of(full, slow), "0:4").get(0).server());
        assertEquals(full, route(List.of(full), "0:4").get(0).server(), "still used when nothing else covers");
        List<Span> r = Router.route(List.of(full, slow), "m", new BlockRange(0, 4), a -> 0, a -> a != slow, 100);
        assertEquals(full, r.get(0).server());
    }

    @Test
    void clearErrorWithoutARoute() {
        BlockAnnouncement a = server("0:2", 10, 1000);
        BlockAnnouncement c = server("3:4", 10, 1000);
        NoRouteException e = assertThrows(NoRouteException.class, () -> route(List.of(a, c), "0:4"));
        assertTrue(e.getMessage().contains("no usable server hosts block 2"), e.getMessage());
        // OFFLINE announcements do not count
        e = assertThrows(
                NoRouteException.class,
                () -> route(List.of(a, server("2:4", 10, 1000).withState(ServerState.OFFLINE)), "0:4"));
        assertTrue(
                e.getMessage().contains("no usable server hosts block 2 (2 servers announced, 1 online"),
                e.getMessage());
    }
}
