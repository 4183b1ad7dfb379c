package org.hypertensor.ledger.internal.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.state.StateKeys;
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
    private static final byte[] BALANCES = StateKeys.prefix("balances");
    private static final byte[] SYSTEM = StateKeys.prefix(StateKeys.SYSTEM);
    /** Below this many transactions the thread costs more than the reads it saves. */
    static final int MIN_TRANSACTIONS = 64;

    private final Thread thread;
    private volatile boolean stopped;

    private AccountPrefetch(StateReader state, List<SignedTransaction> transactions) {
        this.thread = new Thread(() -> run(state, transactions), "ledger-prefetch");
        thread.setDaemon(true);
    }

    /** Starts reading the keys of {@code transactions} from {@code state}; null when there are too few. */
    static AccountPrefetch start(StateReader state, List<SignedTransaction> transactions) {
        if (transactions.size() < MIN_TRANSACTIONS) {
            return null;
        }
        AccountPrefetch p = new AccountPrefetch(state, transactions);
        p.thread.start();
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
        keys.add(StateKeys.key(BALANCES, StateKeys.tagged('a', tx.sender())));
        keys.add(StateKeys.key(SYSTEM, StateKeys.tagged('n', tx.sender())));
        Call call = tx.call();
        if (call.module().equals("balances") && call.function().equals("transfer") && call.args().length >= 32) {
            keys.add(StateKeys.key(BALANCES, StateKeys.tagged('a', Arrays.copyOf(call.args(), 32))));
        }
        return keys;
    }
}
