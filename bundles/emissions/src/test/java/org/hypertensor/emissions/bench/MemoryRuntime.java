package org.hypertensor.emissions.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.ledger.api.runtime.Balances;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;

/**
 * An in-memory runtime for the benchmark only: sorted maps for module state and balances, no store, no
 * Merkle root, no fees — so the module logic's own cost can be told apart from the ledger's. Scenario tests use
 * the real LocalChain.
 */
final class MemoryRuntime {

    private final Map<String, TreeMap<byte[], byte[]>> state = new TreeMap<>();
    private final Map<String, BigInteger> parameters = new TreeMap<>();
    private final TreeMap<byte[], BigInteger> free = new TreeMap<>(Arrays::compareUnsigned);
    private final TreeMap<byte[], BigInteger> reserved = new TreeMap<>(Arrays::compareUnsigned);
    private final List<RuntimeModule> modules;
    private BigInteger vault = BigInteger.ZERO;
    long block;

    MemoryRuntime(List<RuntimeModule> modules) {
        this.modules = modules;
    }

    void parameter(String name, BigInteger value) {
        parameters.put(name, value);
    }

    void endow(byte[] account, BigInteger amount) {
        free.merge(account, amount, BigInteger::add);
    }

    void fillVault(BigInteger amount) {
        vault = vault.add(amount);
    }

    BigInteger vault() {
        return vault;
    }

    RuntimeContext context(RuntimeModule module) {
        return new Ctx(module.name(), null);
    }

    CallContext call(RuntimeModule module, byte[] caller) {
        return new Ctx(module.name(), caller);
    }

    private final class Storage implements ModuleStorage {
        private final TreeMap<byte[], byte[]> map;

        Storage(String module) {
            map = state.computeIfAbsent(module, m -> new TreeMap<>(Arrays::compareUnsigned));
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(key.clone(), value.clone());
        }

        @Override
        public void delete(byte[] key) {
            map.remove(key);
        }

        @Override
        public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
            List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
                if (!Arrays.equals(e.getKey(), 0, Math.min(prefix.length, e.getKey().length), prefix, 0, prefix.length)
                        || e.getKey().length < prefix.length) {
                    break;
                }
                out.add(Map.entry(e.getKey().clone(), e.getValue().clone()));
            }
            return out;
        }
    }

    private final class Ctx implements CallContext {
        private final String module;
        private final byte[] caller;

        Ctx(String module, byte[] caller) {
            this.module = module;
            this.caller = caller;
        }

        @Override
        public long blockNumber() {
            return block;
        }

        @Override
        public long timestamp() {
            return block * 1000;
        }

        @Override
        public byte[] author() {
            return new byte[32];
        }

        @Override
        public boolean devChain() {
            return true;
        }

        @Override
        public ModuleStorage storage() {
            return new Storage(module);
        }

        @Override
        public long parameter(String name) {
            return amount(name).longValueExact();
        }

        @Override
        public BigInteger amount(String name) {
            BigInteger v = parameters.get(name);
            if (v == null) {
                throw new IllegalStateException("no parameter " + name);
            }
            return v;
        }

        @Override
        public Balances balances() {
            return balancesView;
        }

        @Override
        public <T> T runtime(Class<T> type) {
            for (RuntimeModule m : modules) {
                T api = m.runtimeApi(type, new Ctx(m.name(), null));
                if (api != null) {
                    return api;
                }
            }
            throw new IllegalStateException("no module offers " + type);
        }

        @Override
        public byte[] caller() {
            return caller;
        }

        @Override
        public boolean isRoot() {
            return caller == null;
        }
    }

    private final Balances balancesView = new Balances() {
        private BigInteger get(TreeMap<byte[], BigInteger> m, byte[] a) {
            return m.getOrDefault(a, BigInteger.ZERO);
        }

        private void take(TreeMap<byte[], BigInteger> m, byte[] a, BigInteger amount) {
            BigInteger have = get(m, a);
            if (have.compareTo(amount) < 0) {
                throw new ModuleError("InsufficientBalance", "has " + have + ", needs " + amount);
            }
            m.put(a.clone(), have.subtract(amount));
        }

        @Override
        public BigInteger free(byte[] account) {
            return get(free, account);
        }

        @Override
        public BigInteger reserved(byte[] account) {
            return get(reserved, account);
        }

        @Override
        public void transfer(byte[] from, byte[] to, BigInteger amount) {
            take(free, from, amount);
            free.merge(to.clone(), amount, BigInteger::add);
        }

        @Override
        public void reserve(byte[] account, BigInteger amount) {
            take(free, account, amount);
            reserved.merge(account.clone(), amount, BigInteger::add);
        }

        @Override
        public void unreserve(byte[] account, BigInteger amount) {
            take(reserved, account, amount);
            free.merge(account.clone(), amount, BigInteger::add);
        }

        @Override
        public void slashReserved(byte[] account, BigInteger amount) {
            take(reserved, account, amount);
            vault = vault.add(amount);
        }

        @Override
        public void payToVault(byte[] account, BigInteger amount) {
            take(free, account, amount);
            vault = vault.add(amount);
        }

        @Override
        public BigInteger vault() {
            return vault;
        }

        @Override
        public void payFromVault(byte[] account, BigInteger amount, boolean toReserved) {
            if (vault.compareTo(amount) < 0) {
                throw new ModuleError("InsufficientBalance", "vault too small");
            }
            vault = vault.subtract(amount);
            (toReserved ? reserved : free).merge(account.clone(), amount, BigInteger::add);
        }

        @Override
        public BigInteger totalIssuance() {
            return vault.add(free.values().stream().reduce(BigInteger.ZERO, BigInteger::add))
                    .add(reserved.values().stream().reduce(BigInteger.ZERO, BigInteger::add));
        }
    };
}
