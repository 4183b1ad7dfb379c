package org.hypertensor.ledger.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.ledger.api.BlockTimingListener;
import org.hypertensor.ledger.api.BlockTimingListener.Origin;
import org.hypertensor.ledger.internal.block.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger tells its timing listeners how long each block took: built here, or imported from another chain. */
class BlockTimingTest {

    private record Timed(long number, Origin origin, Duration took) {}

    @Test
    void producedAndImportedBlocksAreTimed(@TempDir Path dir) throws Exception {
        List<Timed> producer = new CopyOnWriteArrayList<>();
        List<Timed> follower = new CopyOnWriteArrayList<>();
        BlockTimingListener failing = (n, o, t) -> {
            throw new IllegalStateException("a broken listener does not stop the chain");
        };
        try (LocalChain chain = TestChains.open(dir.resolve("p"));
                LocalChain other = TestChains.open(dir.resolve("f"))) {
            chain.chain().addTimingListener(failing);
            chain.chain().addTimingListener((n, o, t) -> producer.add(new Timed(n, o, t)));
            other.chain().addTimingListener((n, o, t) -> follower.add(new Timed(n, o, t)));
            chain.produceBlocks(2);
            for (long n = 1; n <= 2; n++) {
                other.chain().importBlock(chain.chain().fullBlock(n).orElseThrow());
            }
            assertEquals(List.of(1L, 2L), producer.stream().map(Timed::number).toList());
            assertTrue(producer.stream().allMatch(t -> t.origin() == Origin.PRODUCED), producer.toString());
            assertEquals(List.of(1L, 2L), follower.stream().map(Timed::number).toList());
            assertTrue(follower.stream().allMatch(t -> t.origin() == Origin.IMPORTED), follower.toString());
            assertTrue(follower.stream().noneMatch(t -> t.took().isNegative()), follower.toString());

            // a block refused by its checks is not timed
            chain.produceBlock();
            Block third = chain.chain().fullBlock(3).orElseThrow();
            assertThrows(
                    ChainException.class,
                    () -> other.chain().importBlock(new Block(third.header(), third.transactions(), new byte[64])));
            assertFalse(follower.stream().anyMatch(t -> t.number() == 3), follower.toString());
        }
    }
}
