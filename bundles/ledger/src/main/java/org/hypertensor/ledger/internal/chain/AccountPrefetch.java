package org.hypertensor.ledger.internal.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.ledger.internal.modules.BalancesState;
import org.hypertensor.ledger.internal.state.SystemState;
import org.hypertensor.store.api.StateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the accounts a block's transactions will touch, on a thread of its own, while the block's signatures are
 * checked and its transactions run: a key of a large state that is not in the store's cache costs a database read
 * (≈ 70 µs at 10⁶ accounts), and the execution is one thread while the other core would be idle. It only warms
 * the store's cache: what it reads is thrown away, so the state transition is the same with or without it, and a
 * failure is logged and ignored. Known keys: each sender's balance and nonce, and a transfer's recipient.
 */
final class AccountPrefetch {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPrefetch.class);
    /** Below this many transactions the thread costs more than the reads it saves. */
    static final int MIN_TRANSACTIONS = 64;

    private volatile boolean stopped;

    private AccountPrefetch() {}

    /** Starts reading the keys of {@code transactions} from {@code state} (no thread when there are too few). */
    static AccountPrefetch start(StateReader state, List<SignedTransaction> transactions) {
        AccountPrefetch p = new AccountPrefetch();
        if (transactions.size() >= MIN_TRANSACTIONS) {
            Thread thread = new Thread(() -> p.run(state, transactions), "ledger-prefetch");
            thread.setDaemon(true);
            thread.start();
        }
        return p;
    }

    /** Stops at the next key (the block is executed or refused); does not wait. */
    void stop() {
        stopped = true;
    }

    private void run(StateReader state, List<SignedTransaction> transactions) {
        try {
            for (SignedTransaction tx : transactions) {
                for (byte[] key : keys(tx)) {
                    if (stopped) {
                        return;
                    }
                    state.get(key);
                }
            }
        } catch (RuntimeException e) { // e.g. the store closed: the execution reads for itself
            LOG.debug("account prefetch stopped: {}", e.getMessage());
        }
    }

    /** The state keys {@code tx} is known to read: the sender's balance and nonce, a transfer's recipient. */
    static List<byte[]> keys(SignedTransaction tx) {
        List<byte[]> keys = new ArrayList<>(3);
        keys.add(BalancesState.stateKey(tx.sender()));
        keys.add(SystemState.nonceStateKey(tx.sender()));
        Call call = tx.call();
        if (call.module().equals(BalancesModule.NAME)
                && call.function().equals("transfer")
                && call.args().length >= BalancesModule.DEST_BYTES) {
            keys.add(BalancesState.stateKey(Arrays.copyOf(call.args(), BalancesModule.DEST_BYTES)));
        }
        return keys;
    }
}
