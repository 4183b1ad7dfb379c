package org.hypertensor.rpc.internal.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.ChainInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.LedgerStatus;
import org.hypertensor.ledger.api.PoolEntry;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.store.api.StateProof;

/**
 * A small in-memory {@link Ledger} for the RPC's own tests: balances, nonces, a pool and blocks of
 * {@code balances.transfer} calls with a flat fee, checked like the real pool does (signature against this
 * chain's genesis, exact nonce, affordability). The real ledger is tested in its own bundle and in the container.
 */
final class TestLedger implements Ledger {

    static final byte[] GENESIS = Hashes.blake2b256("test-genesis".getBytes());
    static final BigInteger FEE = BigInteger.valueOf(10);
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, BigInteger> balances = new TreeMap<>();
    private final Map<String, Long> nonces = new TreeMap<>();
    private final List<SignedTransaction> pool = new ArrayList<>();
    private final List<BlockInfo> blocks = new ArrayList<>();
    private final Map<String, TransactionInfo> included = new TreeMap<>();
    private final Map<String, byte[]> storage = new TreeMap<>();
    int submits;
    /** What {@link #bodiesFrom()} says: blocks below it are pruned (their transactions stay listed here). */
    long bodiesFrom;

    TestLedger(byte[] endowed, BigInteger amount) {
        balances.put(HEX.formatHex(endowed), amount);
        blocks.add(block(0, new byte[32], List.of()));
    }

    void put(byte[] key, byte[] value) {
        storage.put(HEX.formatHex(key), value.clone());
    }

    /** Includes the pool in a new block, as block production would. */
    BlockInfo produce() {
        BlockInfo parent = head();
        long number = parent.number() + 1;
        List<SignedTransaction> txs = List.copyOf(pool);
        pool.clear();
        BlockInfo block = block(
                number, parent.hash(), txs.stream().map(SignedTransaction::hash).toList());
        for (int i = 0; i < txs.size(); i++) {
            SignedTransaction tx = txs.get(i);
            Decoder args = new Decoder(tx.call().args());
            byte[] dest = args.fixed(32);
            BigInteger amount = args.u128();
            String from = HEX.formatHex(tx.sender());
            balances.put(from, balances.get(from).subtract(amount).subtract(FEE));
            balances.merge(HEX.formatHex(dest), amount, BigInteger::add);
            nonces.merge(from, 1L, Long::sum);
            included.put(
                    HEX.formatHex(tx.hash()),
                    new TransactionInfo(tx.hash(), number, block.hash(), i, tx, new Receipt(true, FEE, null, null)));
        }
        blocks.add(block);
        return block;
    }

    private static BlockInfo block(long number, byte[] parent, List<byte[]> transactions) {
        byte[] hash = Hashes.blake2b256(parent, BigInteger.valueOf(number).toByteArray());
        return new BlockInfo(
                number,
                hash,
                parent,
                1_000L * number,
                Hashes.blake2b256(hash),
                new byte[32],
                new byte[32],
                transactions,
                true);
    }

    @Override
    public ChainInfo chain() {
        return new ChainInfo("Test chain", "test", true, GENESIS.clone(), 1000, List.of("balances:1"));
    }

    @Override
    public LedgerStatus status() {
        return new LedgerStatus(true, null);
    }

    @Override
    public BlockInfo head() {
        return blocks.get(blocks.size() - 1);
    }

    @Override
    public BlockInfo finalizedHead() {
        return head();
    }

    @Override
    public long bodiesFrom() {
        return bodiesFrom;
    }

    @Override
    public Optional<BlockInfo> block(long number) {
        return number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    @Override
    public Optional<BlockInfo> block(byte[] hash) {
        return blocks.stream().filter(b -> Arrays.equals(b.hash(), hash)).findFirst();
    }

    @Override
    public Optional<TransactionInfo> transaction(byte[] hash) {
        return Optional.ofNullable(included.get(HEX.formatHex(hash)));
    }

    @Override
    public byte[] submit(SignedTransaction tx) throws TransactionRejected {
        submits++;
        if (!tx.verify(GENESIS)) {
            throw new TransactionRejected(Reason.BAD_SIGNATURE, "bad signature (or signed for another chain)");
        }
        long next = account(tx.sender()).nextNonce();
        if (tx.nonce() < next) {
            throw new TransactionRejected(Reason.STALE_NONCE, "nonce " + tx.nonce() + " already used; next is " + next);
        }
        if (tx.nonce() > next) {
            throw new TransactionRejected(Reason.FUTURE_NONCE, "nonce " + tx.nonce() + " is ahead of " + next);
        }
        if (!tx.call().qualifiedName().equals("balances.transfer")) {
            throw new TransactionRejected(
                    Reason.UNKNOWN_CALL, "unknown call " + tx.call().qualifiedName());
        }
        Decoder args = new Decoder(tx.call().args());
        args.fixed(32);
        BigInteger amount = args.u128();
        BigInteger free = balances.getOrDefault(HEX.formatHex(tx.sender()), BigInteger.ZERO);
        if (free.compareTo(amount.add(FEE).add(tx.tip())) < 0) {
            throw new TransactionRejected(
                    Reason.INSUFFICIENT_FUNDS,
                    "free balance " + free + " cannot pay " + amount + " plus a fee of " + FEE);
        }
        pool.add(tx);
        return tx.hash();
    }

    @Override
    public byte[] submit(byte[] encodedTransaction) throws TransactionRejected {
        throw new UnsupportedOperationException("the RPC decodes transactions itself");
    }

    @Override
    public AccountInfo account(byte[] account) {
        String key = HEX.formatHex(account);
        long nonce = nonces.getOrDefault(key, 0L);
        long pooled =
                pool.stream().filter(t -> Arrays.equals(t.sender(), account)).count();
        return new AccountInfo(
                account.clone(), balances.getOrDefault(key, BigInteger.ZERO), BigInteger.ZERO, nonce, nonce + pooled);
    }

    @Override
    public Supply supply() {
        BigInteger total = balances.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        return new Supply(total, total, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    @Override
    public List<PoolEntry> pool() {
        return pool.stream()
                .map(t -> new PoolEntry(
                        t.hash(), t.sender(), t.nonce(), t.tip(), t.call().qualifiedName(), t.encodedLength()))
                .toList();
    }

    /** What {@link #problems} answers. */
    final List<String> problems = new java.util.ArrayList<>();

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** What {@link #futurePool} answers (the RPC only lists it). */
    final List<PoolEntry> futures = new java.util.ArrayList<>();

    @Override
    public List<PoolEntry> futurePool() {
        return List.copyOf(futures);
    }

    @Override
    public <T> T query(Function<RuntimeContext, T> reader) {
        throw new UnsupportedOperationException("not used by the RPC");
    }

    @Override
    public byte[] storage(byte[] key) {
        byte[] value = storage.get(HEX.formatHex(key));
        return value == null ? null : value.clone();
    }

    @Override
    public StateProof prove(byte[] key) {
        byte[] value = storage(key);
        return value == null
                ? StateProof.exclusionFromEmpty(key)
                : StateProof.inclusion(key, value, new int[0], new byte[0][]);
    }
}
