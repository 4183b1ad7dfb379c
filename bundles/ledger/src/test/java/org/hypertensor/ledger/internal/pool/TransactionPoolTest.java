package org.hypertensor.ledger.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.junit.jupiter.api.Test;

/**
 * The pool against the flood of issue 15: transactions whose nonce skips ahead are bounded, evicted first,
 * expire and never take the room of ready transactions or of the node's duties.
 */
class TransactionPoolTest {

    private static final byte[] GENESIS = new byte[32];
    private static final Call CALL = new Call("balances", "transfer", new byte[40]);
    private static final Ed25519KeyPair HONEST = DevKeys.derive("//Bob");
    private static final Ed25519KeyPair VALIDATOR = DevKeys.derive("//Alice");

    private final List<Ed25519KeyPair> attackers = new ArrayList<>();

    private Ed25519KeyPair attacker(int i) {
        while (attackers.size() <= i) {
            attackers.add(DevKeys.derive("//Flood" + attackers.size()));
        }
        return attackers.get(i);
    }

    private static SignedTransaction tx(Ed25519KeyPair key, long nonce, long tip) {
        return SignedTransaction.sign(key, GENESIS, nonce, BigInteger.valueOf(tip), CALL);
    }

    /** Like the attack: 100 future transactions from 25 accounts into a pool of 100. */
    private int flood(TransactionPool pool) {
        int admitted = 0;
        for (int a = 0; a < 25; a++) {
            for (long nonce = 1; nonce <= 4; nonce++) {
                try {
                    pool.add(tx(attacker(a), nonce, 0), 0, false);
                    admitted++;
                } catch (TransactionRejected e) {
                    assertTrue(e.reason() == Reason.POOL_FULL || e.reason() == Reason.SENDER_LIMIT, e.toString());
                }
            }
        }
        return admitted;
    }

    @Test
    void aFloodOfFutureNoncesLeavesTheOthersAndTheNodesDutiesUnaffected() throws Exception {
        TransactionPool pool = new TransactionPool(PoolLimits.of(100, 4096), Clock.systemUTC());
        int admitted = flood(pool);
        assertEquals(25, admitted, "futures take at most a quarter of the pool");
        assertEquals(25, pool.futureCount());
        // Another sender's ready transactions still go in, up to the room not reserved for duties (90) …
        for (long nonce = 0; nonce < 90; nonce++) {
            TransactionPool.Admission a = pool.add(tx(HONEST, nonce, 0), 0, false);
            assertFalse(a.future());
            assertEquals(
                    List.of(nonce),
                    a.nowReady().stream().map(SignedTransaction::nonce).toList());
        }
        // … evicting the futures first: 90 ready, no future left.
        assertEquals(90, pool.size());
        assertEquals(0, pool.futureCount());
        TransactionRejected full = assertThrows(TransactionRejected.class, () -> pool.add(tx(HONEST, 90, 0), 0, false));
        assertEquals(Reason.POOL_FULL, full.reason());
        // … and the node's own duty still has room.
        pool.add(tx(VALIDATOR, 0, 0), 0, true);
        assertEquals(91, pool.size());
        assertEquals(91, pool.ready(k -> 0, 1000).size());
    }

    @Test
    void theFutureWindowIsBoundedPerSenderAndByTheGap() throws Exception {
        TransactionPool pool = new TransactionPool(PoolLimits.of(100_000, 4096), Clock.systemUTC());
        assertEquals(
                Reason.FUTURE_NONCE,
                assertThrows(TransactionRejected.class, () -> pool.add(tx(HONEST, 65, 0), 0, false))
                        .reason());
        pool.add(tx(HONEST, 64, 0), 0, false);
        for (long nonce = 1; nonce < PoolLimits.DEFAULT_FUTURE_PER_SENDER; nonce++) {
            assertTrue(pool.add(tx(HONEST, nonce, 0), 0, false).future());
        }
        assertEquals(
                Reason.SENDER_LIMIT,
                assertThrows(TransactionRejected.class, () -> pool.add(tx(HONEST, 20, 0), 0, false))
                        .reason());
        assertEquals(PoolLimits.DEFAULT_FUTURE_PER_SENDER, pool.future().size());
        assertTrue(pool.ready(k -> 0, 100).isEmpty(), "nothing ready until nonce 0 comes");
        // The gap fills: nonce 0 and the run it unblocks become ready (and are what gossip relays).
        TransactionPool.Admission filled = pool.add(tx(HONEST, 0, 0), 0, false);
        assertEquals(
                List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L),
                filled.nowReady().stream().map(SignedTransaction::nonce).toList());
        assertEquals(1, pool.futureCount(), "nonce 64 still waits");
    }

    @Test
    void futuresExpireAndReadyOnesStay() throws Exception {
        MutableClock clock = new MutableClock();
        TransactionPool pool = new TransactionPool(PoolLimits.of(1000, 4096), clock);
        pool.add(tx(HONEST, 0, 0), 0, false);
        pool.add(tx(attacker(0), 3, 0), 0, false);
        clock.advance(PoolLimits.DEFAULT_FUTURE_TTL_MILLIS - 1);
        pool.prune(k -> 0);
        assertEquals(2, pool.size());
        clock.advance(1);
        pool.prune(k -> 0);
        assertEquals(1, pool.size());
        assertEquals(0, pool.futureCount());
        assertEquals(1, pool.ready(k -> 0, 10).size());
    }

    @Test
    void aFullFutureWindowEvictsTheLowestTipAndRefusesALowerOne() throws Exception {
        TransactionPool pool = new TransactionPool(new PoolLimits(40, 4096, 16, 64, 10, 0, 60_000), Clock.systemUTC());
        for (int a = 0; a < 10; a++) {
            pool.add(tx(attacker(a), 1, a == 3 ? 0 : 5), 0, false);
        }
        assertEquals(
                Reason.POOL_FULL,
                assertThrows(TransactionRejected.class, () -> pool.add(tx(attacker(10), 1, 0), 0, false))
                        .reason());
        pool.add(tx(attacker(11), 1, 6), 0, false);
        assertEquals(10, pool.futureCount());
        assertFalse(pool.future().stream().anyMatch(t -> t.tip().signum() == 0), "the zero-tip future was evicted");
    }

    @Test
    void removingAReadyTransactionMakesItsSuccessorsFutureAndExpirable() throws Exception {
        MutableClock clock = new MutableClock();
        TransactionPool pool = new TransactionPool(PoolLimits.of(1000, 4096), clock);
        SignedTransaction first = tx(HONEST, 0, 0);
        pool.add(first, 0, false);
        pool.add(tx(HONEST, 1, 0), 0, false);
        assertEquals(0, pool.futureCount());
        pool.remove(first);
        assertEquals(1, pool.futureCount());
        clock.advance(PoolLimits.DEFAULT_FUTURE_TTL_MILLIS);
        pool.prune(k -> 0);
        assertEquals(0, pool.size());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
