package org.hypertensor.ledger.internal.modules;

import java.math.BigInteger;
import java.util.Map;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.Balances;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.internal.state.StateKeys;
import org.hypertensor.ledger.internal.state.SystemState;

/**
 * Balances kept under {@code balances/}: {@code a‖account} → (free u128, reserved u128), removed when
 * both are zero, and {@code vault} → u128. Minting and burning also move the issuance counters, so
 * total issuance = Σ free + Σ reserved + vault at every block.
 */
public final class BalancesState implements Balances {

    private static final byte[] VAULT = {'v', 'a', 'u', 'l', 't'};

    private final ModuleStorage storage;
    private final SystemState system;

    public BalancesState(ModuleStorage storage, SystemState system) {
        this.storage = storage;
        this.system = system;
    }

    @Override
    public BigInteger free(byte[] account) {
        return read(account)[0];
    }

    @Override
    public BigInteger reserved(byte[] account) {
        return read(account)[1];
    }

    @Override
    public void transfer(byte[] from, byte[] to, BigInteger amount) {
        positive(amount);
        BigInteger[] source = read(from);
        require(source[0], amount, from, "free");
        write(from, source[0].subtract(amount), source[1]);
        BigInteger[] dest = read(to);
        write(to, dest[0].add(amount), dest[1]);
    }

    @Override
    public void reserve(byte[] account, BigInteger amount) {
        positive(amount);
        BigInteger[] b = read(account);
        require(b[0], amount, account, "free");
        write(account, b[0].subtract(amount), b[1].add(amount));
    }

    @Override
    public void unreserve(byte[] account, BigInteger amount) {
        positive(amount);
        BigInteger[] b = read(account);
        require(b[1], amount, account, "reserved");
        write(account, b[0].add(amount), b[1].subtract(amount));
    }

    @Override
    public void slashReserved(byte[] account, BigInteger amount) {
        positive(amount);
        BigInteger[] b = read(account);
        require(b[1], amount, account, "reserved");
        write(account, b[0], b[1].subtract(amount));
        setVault(vault().add(amount));
    }

    @Override
    public void payToVault(byte[] account, BigInteger amount) {
        positive(amount);
        BigInteger[] b = read(account);
        require(b[0], amount, account, "free");
        write(account, b[0].subtract(amount), b[1]);
        setVault(vault().add(amount));
    }

    @Override
    public BigInteger vault() {
        byte[] raw = storage.get(VAULT);
        return raw == null ? BigInteger.ZERO : new Decoder(raw).u128();
    }

    @Override
    public void payFromVault(byte[] account, BigInteger amount, boolean reserved) {
        positive(amount);
        BigInteger vault = vault();
        if (vault.compareTo(amount) < 0) {
            throw new ModuleError(
                    "InsufficientVault",
                    "the rewards vault holds " + Amounts.format(vault) + ", not " + Amounts.format(amount));
        }
        setVault(vault.subtract(amount));
        BigInteger[] b = read(account);
        if (reserved) {
            write(account, b[0], b[1].add(amount));
        } else {
            write(account, b[0].add(amount), b[1]);
        }
    }

    @Override
    public BigInteger totalIssuance() {
        return system.issuance().total();
    }

    /** New money into an account's free balance (the author's subsidy share, genesis). */
    public void mint(byte[] account, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        BigInteger[] b = read(account);
        write(account, b[0].add(amount), b[1]);
        countMinted(amount);
    }

    /** New money into the vault (the vault's subsidy share). */
    public void mintToVault(BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        setVault(vault().add(amount));
        countMinted(amount);
    }

    /** Takes {@code amount} out of circulation from the account's free balance (burned fees). */
    public void withdraw(byte[] account, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        BigInteger[] b = read(account);
        require(b[0], amount, account, "free");
        write(account, b[0].subtract(amount), b[1]);
    }

    /** Gives a withdrawn amount back (a refunded fee) or to another account (the author's fee share). */
    public void deposit(byte[] account, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        BigInteger[] b = read(account);
        write(account, b[0].add(amount), b[1]);
    }

    /** Records that a withdrawn amount is destroyed. */
    public void countBurned(BigInteger amount) {
        SystemState.Issuance i = system.issuance();
        system.setIssuance(
                new SystemState.Issuance(i.genesis(), i.minted(), i.burned().add(amount)));
    }

    /** Genesis balances: counted as genesis issuance, not as minted. */
    public void endow(byte[] account, BigInteger amount) {
        BigInteger[] b = read(account);
        write(account, b[0].add(amount), b[1]);
        SystemState.Issuance i = system.issuance();
        system.setIssuance(new SystemState.Issuance(i.genesis().add(amount), i.minted(), i.burned()));
    }

    /** Σ free + Σ reserved + vault, read from every account record (for invariant checks). */
    public BigInteger sumOfAllBalances() {
        BigInteger sum = vault();
        for (Map.Entry<byte[], byte[]> e : storage.scan(new byte[] {'a'})) {
            Decoder in = new Decoder(e.getValue());
            sum = sum.add(in.u128()).add(in.u128());
        }
        return sum;
    }

    private void countMinted(BigInteger amount) {
        SystemState.Issuance i = system.issuance();
        system.setIssuance(new SystemState.Issuance(i.genesis(), i.minted().add(amount), i.burned()));
    }

    private void setVault(BigInteger amount) {
        storage.put(VAULT, new Encoder(16).u128(amount).toByteArray());
    }

    /** An account's balances, relative to the module's key space. */
    private static byte[] accountKey(byte[] account) {
        return StateKeys.tagged('a', account);
    }

    /** The state key of an account's balances (for readers outside the module, e.g. the chain's prefetch). */
    public static byte[] stateKey(byte[] account) {
        return StateKeys.key(StateKeys.prefix(BalancesModule.NAME), accountKey(account));
    }

    private BigInteger[] read(byte[] account) {
        byte[] raw = storage.get(accountKey(account));
        if (raw == null) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        Decoder in = new Decoder(raw);
        BigInteger[] out = {in.u128(), in.u128()};
        in.finish();
        return out;
    }

    private void write(byte[] account, BigInteger free, BigInteger reserved) {
        byte[] key = accountKey(account);
        if (free.signum() == 0 && reserved.signum() == 0) {
            storage.delete(key);
        } else {
            storage.put(key, new Encoder(32).u128(free).u128(reserved).toByteArray());
        }
    }

    private static void positive(BigInteger amount) {
        if (amount.signum() < 0) {
            throw new ModuleError("InvalidAmount", "amount must not be negative: " + amount);
        }
    }

    private static void require(BigInteger available, BigInteger amount, byte[] account, String which) {
        if (available.compareTo(amount) < 0) {
            throw new ModuleError(
                    "InsufficientBalance",
                    Ss58.encode(account) + " has " + Amounts.format(available) + " " + which + ", needs "
                            + Amounts.format(amount));
        }
    }
}
